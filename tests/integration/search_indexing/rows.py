"""Catalogue rows written straight to PostgreSQL for the search indexing tests."""

from __future__ import annotations

import secrets
from uuid import UUID

import asyncpg
import attrs


@attrs.frozen
class Show:
    library_id: UUID
    series_id: UUID
    season_ids: tuple[UUID, ...]
    episode_ids: tuple[UUID, ...]
    person_id: UUID


@attrs.frozen
class Film:
    library_id: UUID
    movie_id: UUID
    person_id: UUID


async def library(connection: asyncpg.Connection, kind: str) -> UUID:
    library_id: UUID = await connection.fetchval(
        "INSERT INTO public.libraries (name, type, paths) VALUES ($1, $2, '{/media}') RETURNING id",
        f"{kind} {secrets.token_hex(4)}",
        kind,
    )
    return library_id


async def person(connection: asyncpg.Connection, name: str) -> UUID:
    person_id: UUID = await connection.fetchval(
        "INSERT INTO shared.people (name, known_for_department, popularity) "
        "VALUES ($1, 'Acting', 10) RETURNING id",
        name,
    )
    return person_id


async def film(connection: asyncpg.Connection, title: str, library_id: UUID | None = None) -> Film:
    """A movie with two genres, a 1080p file, an actor and a director."""
    library_id = library_id or await library(connection, "movie")
    actor = await person(connection, f"Actor {secrets.token_hex(3)}")
    director = await person(connection, f"Director {secrets.token_hex(3)}")
    movie_id: UUID = await connection.fetchval(
        "INSERT INTO movie.movies (library_id, title, original_title, year, release_date, "
        "overview, popularity, vote_average, vote_count, status, poster_path) VALUES "
        "($1, $2, $2, 1999, '1999-03-31', 'A hacker learns the truth.', 55.5, 8.7, 20000, "
        "'Released', '/poster.jpg') RETURNING id",
        library_id,
        title,
    )
    await connection.execute(
        "INSERT INTO movie.movie_genres (movie_id, name, slug) VALUES "
        "($1, 'Action', 'action'), ($1, 'Science Fiction', 'science-fiction')",
        movie_id,
    )
    await connection.execute(
        "INSERT INTO movie.movie_files (movie_id, file_path, file_size, file_name, resolution, "
        "quality_profile) VALUES ($1, $2, 1000, 'film.mkv', '1080p', 'HD')",
        movie_id,
        f"/media/{movie_id}.mkv",
    )
    await connection.execute(
        "INSERT INTO movie.movie_credits (movie_id, person_id, credit_type, character, "
        "cast_order) VALUES ($1, $2, 'cast', 'Neo', 0)",
        movie_id,
        actor,
    )
    await connection.execute(
        "INSERT INTO movie.movie_credits (movie_id, person_id, credit_type, job, department) "
        "VALUES ($1, $2, 'crew', 'Director', 'Directing')",
        movie_id,
        director,
    )
    return Film(library_id, movie_id, actor)


async def show(connection: asyncpg.Connection, title: str) -> Show:
    """A series with two seasons of two episodes (one with a file), a network, a genre and an
    actor."""
    library_id = await library(connection, "tvshow")
    actor = await person(connection, f"Star {secrets.token_hex(3)}")
    series_id: UUID = await connection.fetchval(
        "INSERT INTO tvshow.series (library_id, title, first_air_date, status, type, "
        "popularity, poster_path, total_seasons, total_episodes) VALUES "
        "($1, $2, '2008-01-20', 'Ended', 'Scripted', 80, '/series.jpg', 2, 4) RETURNING id",
        library_id,
        title,
    )
    await connection.execute(
        "INSERT INTO tvshow.series_genres (series_id, name, slug) VALUES ($1, 'Drama', 'drama')",
        series_id,
    )
    network: UUID = await connection.fetchval(
        "INSERT INTO tvshow.networks (name) VALUES ($1) RETURNING id", "AMC"
    )
    await connection.execute(
        "INSERT INTO tvshow.series_networks (series_id, network_id) VALUES ($1, $2)",
        series_id,
        network,
    )
    await connection.execute(
        "INSERT INTO tvshow.series_credits (series_id, person_id, tmdb_person_id, name, "
        "credit_type, character, cast_order) VALUES ($1, $2, 17419, $3, 'cast', 'Walter', 0)",
        series_id,
        actor,
        await connection.fetchval("SELECT name FROM shared.people WHERE id = $1", actor),
    )
    seasons, episodes = [], []
    for number in (1, 2):
        season_id: UUID = await connection.fetchval(
            "INSERT INTO tvshow.seasons (series_id, season_number, name, episode_count, "
            "air_date) VALUES ($1, $2, $3, 2, '2008-01-20') RETURNING id",
            series_id,
            number,
            f"Season {number}",
        )
        seasons.append(season_id)
        for episode in (1, 2):
            episode_id: UUID = await connection.fetchval(
                "INSERT INTO tvshow.episodes (series_id, season_id, season_number, "
                "episode_number, title, air_date) VALUES ($1, $2, $3, $4, $5, '2008-01-20') "
                "RETURNING id",
                series_id,
                season_id,
                number,
                episode,
                f"Episode {number}x{episode}",
            )
            episodes.append(episode_id)
    await connection.execute(
        "INSERT INTO tvshow.episode_files (episode_id, file_path, file_name, file_size) "
        "VALUES ($1, $2, 'e.mkv', 1000)",
        episodes[0],
        f"/tv/{episodes[0]}.mkv",
    )
    return Show(library_id, series_id, tuple(seasons), tuple(episodes), actor)


async def user(connection: asyncpg.Connection, name: str, admin: bool = False) -> UUID:
    user_id: UUID = await connection.fetchval(
        "INSERT INTO shared.users (username, email, password_hash, display_name, is_admin) "
        "VALUES ($1, $2, 'x', $3, $4) RETURNING id",
        name,
        f"{name}@example.com",
        name.title(),
        admin,
    )
    return user_id
