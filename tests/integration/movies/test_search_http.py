"""Movie title search on PostgreSQL: words, prefixes, substrings, literal wildcards, and only
titles of libraries the caller may read."""

from __future__ import annotations

import secrets
from typing import Any
from uuid import UUID

import asyncpg
import pytest

from tests.integration.app_server import Account, Server, signed_up
from tests.integration.movies.catalog import grant_view

SEARCH = "/api/v1/movies/search"


async def library_with(connection: asyncpg.Connection, *titles: str) -> UUID:
    library_id: UUID = await connection.fetchval(
        "INSERT INTO public.libraries (name, type, paths) VALUES ($1, 'movie', '{/media}') "
        "RETURNING id",
        f"Search {secrets.token_hex(4)}",
    )
    for number, title in enumerate(titles):
        await connection.execute(
            "INSERT INTO movie.movies (library_id, title, popularity) VALUES ($1, $2, $3)",
            library_id,
            title,
            number,
        )
    return library_id


async def viewer_of(server: Server, connection: asyncpg.Connection, library_id: UUID) -> Account:
    await signed_up(server, admin=True)
    viewer = await signed_up(server)
    await grant_view(connection, library_id, viewer.user_id)
    return viewer


async def titles(server: Server, account: Account, query: str) -> list[str]:
    response = await server.client.get(SEARCH, params={"query": query}, headers=account.headers)
    assert response.status == 200, await response.text()
    body: list[dict[str, Any]] = await response.json()
    return [movie["title"] for movie in body]


async def test_finds_readable_titles_by_word_prefix_and_substring(
    server: Server, connection: asyncpg.Connection
) -> None:
    tag = "t" + secrets.token_hex(3)  # a word: bare hex can read as numbers
    mine = await library_with(connection, f"Zephyr Night {tag}", f"Quiet Harbor {tag}")
    await library_with(connection, f"Zephyr Dawn {tag}", f"Quietus {tag}")
    viewer = await viewer_of(server, connection, mine)

    assert await titles(server, viewer, "night") == [f"Zephyr Night {tag}"]
    assert await titles(server, viewer, "zeph") == [f"Zephyr Night {tag}"]
    assert await titles(server, viewer, "et harb") == [f"Quiet Harbor {tag}"]
    assert await titles(server, viewer, tag) == [f"Quiet Harbor {tag}", f"Zephyr Night {tag}"]
    assert await titles(server, viewer, "dawn") == []
    assert await titles(server, viewer, "quietus") == []


async def test_wildcards_in_the_query_match_themselves(
    server: Server, connection: asyncpg.Connection
) -> None:
    tag = "t" + secrets.token_hex(3)  # a word: bare hex can read as numbers
    mine = await library_with(
        connection, f"100% Pure {tag}", f"1000 Pure {tag}", f"snake_case {tag}", f"snakeXcase {tag}"
    )
    viewer = await viewer_of(server, connection, mine)

    assert await titles(server, viewer, "0%") == [f"100% Pure {tag}"]
    assert await titles(server, viewer, "e_c") == [f"snake_case {tag}"]
    assert await titles(server, viewer, "%") == [f"100% Pure {tag}"]


async def test_an_exact_title_comes_first(server: Server, connection: asyncpg.Connection) -> None:
    tag = "t" + secrets.token_hex(3)  # a word: bare hex can read as numbers
    mine = await library_with(connection, f"Orbit {tag}", f"Orbit {tag} Returns")
    viewer = await viewer_of(server, connection, mine)

    assert await titles(server, viewer, f"orbit {tag}") == [
        f"Orbit {tag}",
        f"Orbit {tag} Returns",
    ]


@pytest.mark.parametrize("query", ["", "   ", "x" * 201])
async def test_blank_or_overlong_queries_are_refused(server: Server, query: str) -> None:
    account = await signed_up(server)
    response = await server.client.get(SEARCH, params={"query": query}, headers=account.headers)
    assert response.status == 400, await response.text()


async def test_limit_and_offset_are_bounded(server: Server) -> None:
    account = await signed_up(server)
    for params in ({"limit": "0"}, {"limit": "101"}, {"offset": "-1"}, {}):
        response = await server.client.get(
            SEARCH, params={"query": "film", **params} if params else {}, headers=account.headers
        )
        assert response.status == 400, (params, await response.text())
