"""Refresh jobs writing real catalogue rows: movies, people, credits, genres, collections, series,
seasons, episodes; idempotent, one transaction each, never erasing what a scan found."""

from __future__ import annotations

import datetime as dt
import json
import random
import uuid

import asyncpg

from revenge_domain.metadata import model as m
from revenge_domain.metadata.jobs import (
    DownloadImage,
    EnrichContent,
    RefreshMovieMetadata,
    RefreshPersonMetadata,
    RefreshSeasonMetadata,
    RefreshSeriesMetadata,
)
from revenge_domain.ports.catalog_changes import Entity
from tests.integration.metadata_refresh.conftest import Refreshing, a_movie, library
from tests.unit.metadata_refresh import values


def fresh_id() -> str:
    """A TMDb id no other test of this database uses (the catalogue keeps them unique)."""
    return str(random.randint(10_000_000, 99_999_999))


def matrix(tmdb_id: str, language: str = "en", **changes: object) -> m.Movie:
    collection = m.CollectionRef(tmdb_id, f"Collection {tmdb_id}", "/collection.jpg")
    return values.movie(language, id=tmdb_id, imdb_id=None, collection=collection, **changes)


async def test_a_refresh_fills_the_movie_and_what_hangs_off_it(
    refreshing: Refreshing, connection: asyncpg.Connection
) -> None:
    tmdb_id = fresh_id()
    movie_id = await a_movie(connection, "The Matrix", 1999)
    refreshing.tmdb.movie_results = [
        m.MovieResult(tmdb_id, "The Matrix", release_date=dt.date(1999, 3, 30))
    ]
    refreshing.tmdb.movies[(tmdb_id, "en")] = matrix(tmdb_id)

    await refreshing.refresh.movie(RefreshMovieMetadata(movie_id=movie_id))

    row = await connection.fetchrow("SELECT * FROM movie.movies WHERE id = $1", movie_id)
    assert row["tmdb_id"] == int(tmdb_id)
    assert row["title"] == "The Matrix"
    assert row["overview"] == "A hacker learns the truth."
    assert row["tagline"] == "Welcome to the Real World."
    assert (row["runtime"], row["release_date"]) == (136, dt.date(1999, 3, 30))
    assert (float(row["vote_average"]), row["vote_count"]) == (8.2, 26000)
    assert (row["poster_path"], row["backdrop_path"]) == (
        "/matrix-poster.jpg",
        "/matrix-backdrop.jpg",
    )
    assert json.loads(row["overviews_i18n"]) == {"en": "A hacker learns the truth."}
    assert json.loads(row["age_ratings"]) == {"US": "R", "DE": "16"}
    assert row["metadata_updated_at"] is not None
    genres = await connection.fetch(
        "SELECT slug, name FROM movie.movie_genres WHERE movie_id = $1 ORDER BY slug", movie_id
    )
    assert [tuple(g) for g in genres] == [
        ("action", "Action"),
        ("science-fiction", "Science Fiction"),
    ]
    credits = await connection.fetch(
        "SELECT p.name, p.tmdb_id, p.profile_path, c.credit_type, c.character, c.cast_order,"
        " c.job FROM movie.movie_credits c JOIN shared.people p ON p.id = c.person_id"
        " WHERE c.movie_id = $1 ORDER BY c.credit_type, c.cast_order",
        movie_id,
    )
    assert [tuple(c) for c in credits] == [
        ("Keanu Reeves", 6384, "/keanu.jpg", "cast", "Neo", 0, None),
        ("Laurence Fishburne", 2975, "/laurence.jpg", "cast", "Morpheus", 1, None),
        ("Lana Wachowski", 9340, "/lana.jpg", "crew", None, None, "Director"),
    ]
    collection = await connection.fetchval(
        "SELECT k.name FROM movie.movie_collection_members cm JOIN movie.movie_collections k"
        " ON k.id = cm.collection_id WHERE cm.movie_id = $1",
        movie_id,
    )
    assert collection == f"Collection {tmdb_id}"
    assert ("changed", Entity.MOVIE, [movie_id]) in refreshing.changes.reports
    images = {
        (j.image_type, j.path) for j in refreshing.queue.enqueued if isinstance(j, DownloadImage)
    }
    assert {("poster", "/matrix-poster.jpg"), ("backdrop", "/matrix-backdrop.jpg")} <= images


async def test_a_second_refresh_with_the_same_data_changes_no_row(
    refreshing: Refreshing, connection: asyncpg.Connection
) -> None:
    tmdb_id = fresh_id()
    movie_id = await a_movie(connection, "The Matrix", 1999)
    await connection.execute(
        "UPDATE movie.movies SET tmdb_id = $2 WHERE id = $1", movie_id, int(tmdb_id)
    )
    refreshing.tmdb.movies[(tmdb_id, "en")] = matrix(tmdb_id)
    await refreshing.refresh.movie(RefreshMovieMetadata(movie_id=movie_id))
    stamps = await _stamps(connection, movie_id)
    reports, queued = len(refreshing.changes.reports), len(refreshing.queue.enqueued)

    await refreshing.refresh.movie(RefreshMovieMetadata(force=True, movie_id=movie_id))

    assert await _stamps(connection, movie_id) == stamps
    assert len(refreshing.changes.reports) == reports
    assert len(refreshing.queue.enqueued) == queued


async def _stamps(connection: asyncpg.Connection, movie_id: object) -> list[object]:
    movie = await connection.fetchval("SELECT updated_at FROM movie.movies WHERE id = $1", movie_id)
    credits = await connection.fetch(
        "SELECT id, updated_at FROM movie.movie_credits WHERE movie_id = $1 ORDER BY id", movie_id
    )
    genres = await connection.fetch(
        "SELECT id FROM movie.movie_genres WHERE movie_id = $1 ORDER BY id", movie_id
    )
    return [movie, [tuple(c) for c in credits], [g["id"] for g in genres]]


async def test_what_the_provider_does_not_say_is_kept_and_languages_merge(
    refreshing: Refreshing, connection: asyncpg.Connection
) -> None:
    tmdb_id = fresh_id()
    movie_id = await a_movie(connection, "Matrix", 1999, overview="From the .nfo file.")
    await connection.execute(
        'UPDATE movie.movies SET tmdb_id = $2, titles_i18n = \'{"fr": "La Matrice"}\''
        " WHERE id = $1",
        movie_id,
        int(tmdb_id),
    )
    refreshing.tmdb.movies[(tmdb_id, "de")] = matrix(tmdb_id, "de", overview=None, tagline=None)

    await refreshing.refresh.movie(RefreshMovieMetadata(languages=("de",), movie_id=movie_id))

    row = await connection.fetchrow(
        "SELECT overview, titles_i18n FROM movie.movies WHERE id = $1", movie_id
    )
    assert row["overview"] == "From the .nfo file."
    assert json.loads(row["titles_i18n"]) == {"fr": "La Matrice", "de": "Matrix"}


async def test_local_artwork_stays_and_the_provider_fills_only_what_is_missing(
    refreshing: Refreshing, connection: asyncpg.Connection
) -> None:
    tmdb_id = fresh_id()
    movie_id = await a_movie(connection, "Matrix", 1999)
    local = f"local/{uuid.uuid4()}/Matrix (1999)/poster.jpg"
    await connection.execute(
        "UPDATE movie.movies SET tmdb_id = $2, poster_path = $3 WHERE id = $1",
        movie_id,
        int(tmdb_id),
        local,
    )
    refreshing.tmdb.movies[(tmdb_id, "en")] = matrix(tmdb_id)

    await refreshing.refresh.movie(RefreshMovieMetadata(movie_id=movie_id))

    row = await connection.fetchrow(
        "SELECT poster_path, backdrop_path, overview FROM movie.movies WHERE id = $1", movie_id
    )
    assert tuple(row) == (local, "/matrix-backdrop.jpg", "A hacker learns the truth.")
    images = {j.path for j in refreshing.queue.enqueued if isinstance(j, DownloadImage)}
    assert "/matrix-backdrop.jpg" in images
    assert "/matrix-poster.jpg" not in images


async def test_a_series_keeps_its_local_poster_through_a_refresh(
    refreshing: Refreshing, connection: asyncpg.Connection
) -> None:
    tmdb_id = fresh_id()
    local = f"local/{uuid.uuid4()}/Game of Thrones/poster.jpg"
    series_id = await connection.fetchval(
        "INSERT INTO tvshow.series (library_id, title, tmdb_id, poster_path)"
        " VALUES ($1, 'Game of Thrones', $2, $3) RETURNING id",
        await library(connection, "tvshow"),
        int(tmdb_id),
        local,
    )
    refreshing.tmdb.series_by_id[(tmdb_id, "en")] = values.series(
        id=tmdb_id, external_ids=m.ExternalIds()
    )

    await refreshing.refresh.series(RefreshSeriesMetadata(series_id=series_id))

    row = await connection.fetchrow(
        "SELECT poster_path, overview FROM tvshow.series WHERE id = $1", series_id
    )
    assert tuple(row) == (local, "Seven noble families fight for control.")


async def test_an_unknown_movie_is_recorded_as_not_found(
    refreshing: Refreshing, connection: asyncpg.Connection
) -> None:
    movie_id = await a_movie(connection, "Our Holiday 2003", None)

    await refreshing.refresh.movie(RefreshMovieMetadata(movie_id=movie_id))

    outcome = await connection.fetchrow(
        "SELECT outcome, detail FROM shared.metadata_refreshes"
        " WHERE kind = 'metadata_refresh_movie' AND item_id = $1",
        movie_id,
    )
    assert outcome["outcome"] == "not_found"
    assert "Our Holiday 2003" in outcome["detail"]
    assert (
        await connection.fetchval("SELECT overview FROM movie.movies WHERE id = $1", movie_id)
        is None
    )


async def test_a_person_refresh_writes_biography_and_birthday(
    refreshing: Refreshing, connection: asyncpg.Connection
) -> None:
    tmdb_id = int(fresh_id())
    person_id = await connection.fetchval(
        "INSERT INTO shared.people (name, tmdb_id) VALUES ('Keanu Reeves', $1) RETURNING id",
        tmdb_id,
    )
    refreshing.tmdb.people[(str(tmdb_id), "en")] = values.person()

    await refreshing.refresh.person(RefreshPersonMetadata(person_id=person_id))

    row = await connection.fetchrow("SELECT * FROM shared.people WHERE id = $1", person_id)
    assert (row["biography"], row["birthday"]) == ("Born in Beirut.", dt.date(1964, 9, 2))
    assert (row["profile_path"], row["gender"]) == ("/keanu.jpg", 2)
    assert ("changed", Entity.PERSON, [person_id]) in refreshing.changes.reports


async def test_enrichment_writes_external_ratings_and_a_logo(
    refreshing: Refreshing, connection: asyncpg.Connection
) -> None:
    movie_id = await a_movie(connection, "The Matrix", 1999)
    imdb_id = f"tt{fresh_id()}"
    await connection.execute(
        "UPDATE movie.movies SET imdb_id = $2 WHERE id = $1", movie_id, imdb_id
    )
    refreshing.ratings.ratings_by_imdb[imdb_id] = m.Ratings(
        imdb_id, (m.ExternalRating("Rotten Tomatoes", "83%", 83.0),)
    )

    await refreshing.refresh.enrich(EnrichContent(content_type="movie", content_id=movie_id))

    ratings = await connection.fetchval(
        "SELECT external_ratings FROM movie.movies WHERE id = $1", movie_id
    )
    assert json.loads(ratings) == [{"source": "Rotten Tomatoes", "value": "83%", "score": 83.0}]


async def test_a_series_refresh_enriches_existing_seasons_and_episodes_only(
    refreshing: Refreshing, connection: asyncpg.Connection
) -> None:
    tmdb_id = fresh_id()
    series_id = await connection.fetchval(
        "INSERT INTO tvshow.series (library_id, title) VALUES ($1, 'Game of Thrones') RETURNING id",
        await library(connection, "tvshow"),
    )
    season_id = await connection.fetchval(
        "INSERT INTO tvshow.seasons (series_id, season_number, name) VALUES ($1, 1, 'Season 1')"
        " RETURNING id",
        series_id,
    )
    for number in (1, 2):
        await connection.execute(
            "INSERT INTO tvshow.episodes (series_id, season_id, season_number, episode_number,"
            " title) VALUES ($1, $2, 1, $3, $4)",
            series_id,
            season_id,
            number,
            f"Episode {number}",
        )
    refreshing.tmdb.series_results = [m.SeriesResult(tmdb_id, "Game of Thrones")]
    refreshing.tmdb.series_by_id[(tmdb_id, "en")] = values.series(
        id=tmdb_id, external_ids=m.ExternalIds()
    )
    refreshing.tmdb.seasons[(tmdb_id, 1, "en")] = values.season(1, episodes=3)

    await refreshing.refresh.series(RefreshSeriesMetadata(series_id=series_id))
    for job in list(refreshing.queue.enqueued):
        if job.kind == "metadata_refresh_season":
            await refreshing.refresh.season(job)  # type: ignore[arg-type]

    series = await connection.fetchrow("SELECT * FROM tvshow.series WHERE id = $1", series_id)
    assert series["tmdb_id"] == int(tmdb_id)
    assert series["overview"] == "Seven noble families fight for control."
    cast = await connection.fetch(
        "SELECT name, character FROM tvshow.series_credits WHERE series_id = $1", series_id
    )
    assert [tuple(c) for c in cast] == [("Peter Dinklage", "Tyrion")]
    networks = await connection.fetch(
        "SELECT n.name, n.logo_path FROM tvshow.series_networks sn JOIN tvshow.networks n"
        " ON n.id = sn.network_id WHERE sn.series_id = $1",
        series_id,
    )
    assert [tuple(n) for n in networks] == [("HBO", "/hbo.png")]
    season = await connection.fetchrow("SELECT * FROM tvshow.seasons WHERE id = $1", season_id)
    assert (season["poster_path"], season["overview"]) == ("/season-1.jpg", "Season 1 overview")
    episodes = await connection.fetch(
        "SELECT episode_number, title, still_path FROM tvshow.episodes WHERE series_id = $1"
        " ORDER BY episode_number",
        series_id,
    )
    assert [tuple(e) for e in episodes] == [
        (1, "Chapter 1", "/still-1-1.jpg"),
        (2, "Chapter 2", "/still-1-2.jpg"),
    ]
    reported = {(entity, len(ids)) for _, entity, ids in refreshing.changes.reports}
    assert {(Entity.SERIES, 1), (Entity.SEASON, 1), (Entity.EPISODE, 2)} <= reported
    images = {
        (j.image_type, j.path) for j in refreshing.queue.enqueued if isinstance(j, DownloadImage)
    }
    assert {("poster", "/season-1.jpg"), ("still", "/still-1-1.jpg")} <= images

    stamps = await _series_stamps(connection, series_id)
    reports = len(refreshing.changes.reports)
    await refreshing.refresh.series(RefreshSeriesMetadata(force=True, series_id=series_id))
    again = RefreshSeasonMetadata(
        force=True, series_id=series_id, season_id=season_id, season_number=1
    )
    await refreshing.refresh.season(again)
    assert await _series_stamps(connection, series_id) == stamps
    assert len(refreshing.changes.reports) == reports


async def _series_stamps(connection: asyncpg.Connection, series_id: object) -> list[object]:
    rows = []
    for sql in (
        "SELECT id, updated_at FROM tvshow.series WHERE id = $1",
        "SELECT id, updated_at FROM tvshow.seasons WHERE series_id = $1",
        "SELECT id, updated_at FROM tvshow.episodes WHERE series_id = $1 ORDER BY id",
        "SELECT id, updated_at FROM tvshow.series_credits WHERE series_id = $1 ORDER BY id",
        "SELECT id FROM tvshow.series_genres WHERE series_id = $1 ORDER BY id",
        "SELECT network_id FROM tvshow.series_networks WHERE series_id = $1",
    ):
        rows.append([tuple(row) for row in await connection.fetch(sql, series_id)])
    return rows
