"""Stats, a movie's collection, similar movies, marking as watched and the genre directory:
each limited to the libraries the caller may read."""

from __future__ import annotations

import secrets
import uuid
from uuid import UUID

import asyncpg

from tests.integration.app_server import Account, Server
from tests.integration.movies.catalog import collection, shelf
from tests.integration.movies.test_movies_http import got, ids_of, viewer_of

MOVIES = "/api/v1/movies"
NO_WATCHES = {"watched_count": 0, "in_progress_count": 0, "total_watches": 0}


async def series_in(connection: asyncpg.Connection, library_id: UUID, slug: str) -> None:
    series_id = await connection.fetchval(
        "INSERT INTO tvshow.series (library_id, title) VALUES ($1, $2) RETURNING id",
        library_id,
        f"Show {secrets.token_hex(2)}",
    )
    await connection.execute(
        "INSERT INTO tvshow.series_genres (series_id, name, slug) VALUES ($1, initcap($2), $2)",
        series_id,
        slug,
    )


async def movie_in(
    connection: asyncpg.Connection, library_id: UUID, rating: float, *genres: str
) -> UUID:
    movie_id = uuid.uuid4()
    await connection.execute(
        "INSERT INTO movie.movies (id, library_id, title, vote_average) VALUES ($1, $2, $3, $4)",
        movie_id,
        library_id,
        f"Film {secrets.token_hex(2)}",
        rating,
    )
    for slug in genres:
        await connection.execute(
            "INSERT INTO movie.movie_genres (movie_id, name, slug) VALUES ($1, initcap($2), $2)",
            movie_id,
            slug,
        )
    return movie_id


async def posted(server: Server, account: Account, path: str) -> int:
    response = await server.client.post(path, headers=account.headers)
    return response.status


async def test_a_viewer_of_one_library_never_reaches_another(
    server: Server, connection: asyncpg.Connection
) -> None:
    saga = await collection(connection)
    mine, other = await shelf(connection, 3, saga), await shelf(connection, 2, saga)
    await series_in(connection, mine.library_id, "action")
    await series_in(connection, other.library_id, "action")
    viewer = await viewer_of(server, connection, mine.library_id)
    hidden, first = other.movie_ids[0], mine.movie_ids[0]
    await connection.execute(
        "INSERT INTO movie.movie_watched (user_id, movie_id, progress_seconds, duration_seconds, "
        "is_completed, watch_count) VALUES ($1, $2, 100, 100, TRUE, 3)",
        viewer.user_id,
        hidden,
    )

    for suffix in ("/collection", "/similar"):
        await got(server, viewer, f"{MOVIES}/{hidden}{suffix}", 404)
    assert await posted(server, viewer, f"{MOVIES}/{hidden}/watched") == 404
    assert await got(server, viewer, f"{MOVIES}/stats") == NO_WATCHES

    assert (await got(server, viewer, f"{MOVIES}/{first}/collection"))["id"] == str(saga)
    similar = await got(server, viewer, f"{MOVIES}/{first}/similar")
    assert ids_of(similar["similar_movies"]) == {str(m) for m in mine.movie_ids[1:]}
    assert (similar["movie_id"], similar["total_results"]) == (str(first), 2)
    genres = await got(server, viewer, "/api/v1/genres")
    assert [(g["slug"], g["movie_count"], g["tvshow_count"]) for g in genres] == [
        ("action", 3, 1),
        ("science-fiction", 3, 0),
    ]


async def test_a_viewer_of_an_empty_library_sees_no_genres(
    server: Server, connection: asyncpg.Connection
) -> None:
    await shelf(connection, 1)
    viewer = await viewer_of(server, connection, (await shelf(connection, 0)).library_id)
    assert await got(server, viewer, "/api/v1/genres") == []


async def test_similar_movies_rank_shared_genres_then_rating(
    server: Server, connection: asyncpg.Connection
) -> None:
    library_id = (await shelf(connection, 0)).library_id
    source = await movie_in(connection, library_id, 5.0, "action", "drama", "comedy")
    two_low = await movie_in(connection, library_id, 6.0, "action", "drama")
    one_high = await movie_in(connection, library_id, 9.0, "action")
    two_high = await movie_in(connection, library_id, 8.0, "drama", "comedy")
    sibling = await movie_in(connection, library_id, 9.5)
    await movie_in(connection, library_id, 9.9, "horror")
    saga = await collection(connection)
    await connection.execute(
        "INSERT INTO movie.movie_collection_members (collection_id, movie_id) "
        "VALUES ($1, $2), ($1, $3)",
        saga,
        source,
        sibling,
    )
    viewer = await viewer_of(server, connection, library_id)

    body = await got(server, viewer, f"{MOVIES}/{source}/similar")
    ranked = [(item["id"], item["shared_genres"]) for item in body["similar_movies"]]
    assert ranked == [
        (str(two_high), 2),
        (str(two_low), 2),
        (str(one_high), 1),
        (str(sibling), 0),
    ]
    assert body["total_results"] == 4
    assert all(item["in_library"] for item in body["similar_movies"])
    lonely = await movie_in(connection, library_id, 1.0, "western")
    assert await got(server, viewer, f"{MOVIES}/{lonely}/similar") == {
        "movie_id": str(lonely),
        "similar_movies": [],
        "total_results": 0,
    }
    await got(server, viewer, f"{MOVIES}/{lonely}/collection", 404)


async def test_marking_as_watched_completes_at_the_known_duration(
    server: Server, connection: asyncpg.Connection
) -> None:
    mine = await shelf(connection, 3)
    with_file, with_runtime, started = mine.movie_ids
    await connection.execute(
        "UPDATE movie.movie_files SET duration_seconds = 5400 WHERE movie_id = $1", with_file
    )
    await connection.execute("UPDATE movie.movies SET runtime = 100 WHERE id = $1", with_runtime)
    viewer = await viewer_of(server, connection, mine.library_id)
    stats = f"{MOVIES}/stats"
    assert await got(server, viewer, stats) == NO_WATCHES

    for movie_id, seconds in ((with_file, 5400), (with_runtime, 6000)):
        assert await posted(server, viewer, f"{MOVIES}/{movie_id}/watched") == 204
        progress = await got(server, viewer, f"{MOVIES}/{movie_id}/progress")
        assert (progress["progress_seconds"], progress["duration_seconds"]) == (seconds, seconds)
        assert (progress["is_completed"], progress["watch_count"]) == (True, 1)
    assert await posted(server, viewer, f"{MOVIES}/{with_file}/watched") == 204
    path = f"{MOVIES}/{started}/progress"
    response = await server.client.post(
        path, json={"progress_seconds": 10, "duration_seconds": 100}, headers=viewer.headers
    )
    assert response.status == 200

    assert await got(server, viewer, stats) == {
        "watched_count": 2,
        "in_progress_count": 1,
        "total_watches": 2,
    }
    history = await got(server, viewer, f"{MOVIES}/watch-history")
    assert ids_of(history) == {str(m) for m in mine.movie_ids}
