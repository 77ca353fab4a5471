"""The movie endpoints over real PostgreSQL and Redis: library filtering everywhere, watch
state, parameter bounds and the number of statements of a list page."""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

import asyncpg
import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from revenge_app.registry import resolved
from tests.integration.app_server import Account, Server, signed_up
from tests.integration.movies.catalog import Shelf, collection, grant_view, shelf

MOVIES = "/api/v1/movies"


async def got(server: Server, account: Account, path: str, status: int = 200) -> Any:
    response = await server.client.get(path, headers=account.headers)
    assert response.status == status, await response.text()
    return await response.json()


async def viewer_of(server: Server, connection: asyncpg.Connection, library_id: UUID) -> Account:
    """A plain user holding `view` on one library (after an administrator exists: the first
    account of a server becomes its administrator)."""
    await signed_up(server, admin=True)
    viewer = await signed_up(server)
    await grant_view(connection, library_id, viewer.user_id)
    return viewer


def ids_of(items: list[dict[str, Any]]) -> set[str]:
    return {item["id"] for item in items}


async def test_a_viewer_of_one_library_never_sees_another(
    server: Server, connection: asyncpg.Connection
) -> None:
    saga = await collection(connection)
    mine, other = await shelf(connection, 3, saga), await shelf(connection, 2, saga)
    viewer = await viewer_of(server, connection, mine.library_id)
    visible = {str(movie_id) for movie_id in mine.movie_ids}
    hidden = other.movie_ids[0]
    await connection.execute(
        "INSERT INTO movie.movie_watched (user_id, movie_id, progress_seconds, duration_seconds) "
        "VALUES ($1, $2, 10, 100)",
        viewer.user_id,
        hidden,
    )

    for path in (MOVIES, f"{MOVIES}/recently-added", f"{MOVIES}/top-rated?min_votes=0"):
        body = await got(server, viewer, path)
        assert ids_of(body["items"]) == visible
        assert body["total"] == 3
    assert await got(server, viewer, f"{MOVIES}/continue-watching") == []
    assert await got(server, viewer, f"{MOVIES}/watch-history") == []
    assert ids_of(await got(server, viewer, f"/api/v1/collections/{saga}/movies")) == visible
    assert (await got(server, viewer, f"/api/v1/collections/{saga}"))["name"] == "The Saga"

    for suffix in ("", "/files", "/cast", "/crew", "/genres", "/progress"):
        await got(server, viewer, f"{MOVIES}/{hidden}{suffix}", 404)
    body = {"progress_seconds": 5, "duration_seconds": 100}
    path = f"{MOVIES}/{hidden}/progress"
    response = await server.client.post(path, json=body, headers=viewer.headers)
    assert response.status == 404
    assert (await server.client.delete(path, headers=viewer.headers)).status == 404

    lonely = await collection(connection)
    await shelf(connection, 1, lonely)
    await got(server, viewer, f"/api/v1/collections/{lonely}", 404)
    await got(server, viewer, f"/api/v1/collections/{lonely}/movies", 404)


async def test_external_ratings_answer_as_stored_fresh_and_cached(
    server: Server, connection: asyncpg.Connection
) -> None:
    mine = await shelf(connection, 1)
    viewer = await viewer_of(server, connection, mine.library_id)
    ratings = [{"source": "Rotten Tomatoes", "value": "83%", "score": 83.0}]
    await connection.execute(
        "UPDATE movie.movies SET external_ratings = $2::jsonb WHERE id = $1",
        mine.movie_ids[0],
        json.dumps(ratings),
    )
    for _ in range(2):
        assert (await got(server, viewer, f"{MOVIES}/{mine.movie_ids[0]}"))["external_ratings"] == (
            ratings
        )
        assert (await got(server, viewer, MOVIES))["items"][0]["external_ratings"] == ratings


async def test_a_readable_movie_answers_its_details(
    server: Server, connection: asyncpg.Connection
) -> None:
    mine = await shelf(connection, 1)
    viewer = await viewer_of(server, connection, mine.library_id)
    movie = f"{MOVIES}/{mine.movie_ids[0]}"
    detail = await got(server, viewer, movie)
    assert detail["id"] == str(mine.movie_ids[0])
    assert detail["vote_average"] == 7.5
    assert detail["external_ratings"] == []
    files = await got(server, viewer, f"{movie}/files")
    assert [(f["container"], f["audio_languages"]) for f in files] == [("mkv", [])]
    genres = await got(server, viewer, f"{movie}/genres")
    assert [genre["slug"] for genre in genres] == ["action", "science-fiction"]
    cast = await got(server, viewer, f"{movie}/cast?limit=10")
    assert (cast["total"], cast["page"], cast["page_size"]) == (1, 1, 10)
    assert cast["items"][0]["name"] == "Ada Actor"
    assert cast["items"][0]["character"] == "Hero"
    crew = await got(server, viewer, f"{movie}/crew?offset=1&limit=1")
    assert (crew["items"], crew["total"], crew["page"]) == ([], 1, 2)


async def test_progress_round_trip(server: Server, connection: asyncpg.Connection) -> None:
    mine = await shelf(connection, 1)
    viewer = await viewer_of(server, connection, mine.library_id)
    path = f"{MOVIES}/{mine.movie_ids[0]}/progress"
    await got(server, viewer, path, 404)
    assert await got(server, viewer, f"{MOVIES}/continue-watching") == []

    body = {"progress_seconds": 1200, "duration_seconds": 6000}
    response = await server.client.post(path, json=body, headers=viewer.headers)
    assert response.status == 200
    saved = await response.json()
    assert (saved["progress_percent"], saved["is_completed"], saved["watch_count"]) == (
        20,
        False,
        0,
    )
    assert (await got(server, viewer, path))["progress_seconds"] == 1200
    watching = await got(server, viewer, f"{MOVIES}/continue-watching")
    assert [(item["id"], item["progress_seconds"]) for item in watching] == [
        (str(mine.movie_ids[0]), 1200)
    ]
    listed = await got(server, viewer, MOVIES)
    assert listed["items"][0]["progress"]["progress_seconds"] == 1200

    body = {"progress_seconds": 5900, "duration_seconds": 6000}
    response = await server.client.post(path, json=body, headers=viewer.headers)
    done = await response.json()
    assert (done["is_completed"], done["watch_count"]) == (True, 1)
    assert await got(server, viewer, f"{MOVIES}/continue-watching") == []
    history = await got(server, viewer, f"{MOVIES}/watch-history")
    assert [(item["id"], item["watch_count"]) for item in history] == [(str(mine.movie_ids[0]), 1)]

    assert (await server.client.delete(path, headers=viewer.headers)).status == 204
    await got(server, viewer, path, 404)
    assert await got(server, viewer, f"{MOVIES}/watch-history") == []


@pytest.mark.parametrize(
    "query",
    [
        "?limit=0",
        "?limit=101",
        "?offset=-1",
        "?order_by=popularity",
        "/top-rated?min_votes=-1",
        "/continue-watching?limit=51",
        "/00000000-0000-0000-0000-000000000000/cast?limit=0",
        "/not-a-uuid",
    ],
)
async def test_bad_parameters_answer_400(server: Server, query: str) -> None:
    viewer = await signed_up(server)
    await got(server, viewer, f"{MOVIES}{query}", 400)


async def test_movies_are_ordered_as_asked(server: Server, connection: asyncpg.Connection) -> None:
    mine = await shelf(connection, 3)
    viewer = await viewer_of(server, connection, mine.library_id)
    by_year = await got(server, viewer, f"{MOVIES}?order_by=year&limit=2")
    assert [item["year"] for item in by_year["items"]] == [2002, 2001]
    assert (by_year["total"], by_year["page_size"]) == (3, 2)
    by_title = await got(server, viewer, f"{MOVIES}?order_by=title")
    titles = [item["title"] for item in by_title["items"]]
    assert titles == sorted(titles, key=str.lower)


class Statements:
    """Counts the SQL statements the engine sends while active."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.count = 0
        event.listen(engine.sync_engine, "before_cursor_execute", self._seen)
        self._engine = engine

    def _seen(self, *args: object) -> None:
        self.count += 1

    def close(self) -> None:
        event.remove(self._engine.sync_engine, "before_cursor_execute", self._seen)


async def statements_of(server: Server, account: Account, path: str) -> int:
    counter = Statements(await resolved(server.container.core.engine()))
    try:
        body = await got(server, account, path)
    finally:
        counter.close()
    assert all(item["genres"] and item["files"] and item["progress"] for item in body["items"])
    return counter.count


async def test_a_list_page_takes_a_constant_few_statements(
    server: Server, connection: asyncpg.Connection
) -> None:
    mine: Shelf = await shelf(connection, 50)
    viewer = await viewer_of(server, connection, mine.library_id)
    for movie_id in mine.movie_ids:
        await connection.execute(
            "INSERT INTO movie.movie_watched (user_id, movie_id, progress_seconds, "
            "duration_seconds) VALUES ($1, $2, 10, 100)",
            viewer.user_id,
            movie_id,
        )
    await got(server, viewer, f"{MOVIES}/continue-watching")  # the caller's access is now known

    small = await statements_of(server, viewer, f"{MOVIES}?limit=5")
    full = await statements_of(server, viewer, f"{MOVIES}?limit=50")
    assert full == small
    # Signing in the caller, then count, page, genres, files and progress: whatever the size.
    assert full <= 10
    assert await statements_of(server, viewer, f"{MOVIES}?limit=50") < full
