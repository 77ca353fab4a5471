"""Series title search on PostgreSQL: words, prefixes, substrings, literal wildcards, and only
series of libraries the caller may read."""

from __future__ import annotations

import secrets
from typing import Any
from uuid import UUID

import asyncpg
import pytest

from tests.integration.app_server import Account, Server, signed_up

SEARCH = "/api/v1/tvshows/search"


async def library_with(connection: asyncpg.Connection, *titles: str) -> UUID:
    library_id: UUID = await connection.fetchval(
        "INSERT INTO public.libraries (name, type) VALUES ($1, 'tvshow') RETURNING id",
        f"TV search {secrets.token_hex(4)}",
    )
    for number, title in enumerate(titles):
        await connection.execute(
            "INSERT INTO tvshow.series (library_id, title, original_title, popularity)"
            " VALUES ($1, $2, $3, $4)",
            library_id,
            title,
            f"Original {title}",
            number,
        )
    return library_id


async def viewer_of(server: Server, *titles: str) -> Account:
    """A plain user reading one library of `titles`; another library holds the same titles
    with `Hidden` in front."""
    await signed_up(server, admin=True)
    viewer = await signed_up(server)
    connection = await asyncpg.connect(server.pg_url)
    try:
        mine = await library_with(connection, *titles)
        await library_with(connection, *(f"Hidden {title}" for title in titles))
        await connection.execute(
            "INSERT INTO public.library_permissions (library_id, user_id, permission)"
            " VALUES ($1, $2, 'view')",
            mine,
            viewer.user_id,
        )
    finally:
        await connection.close()
    return viewer


async def found(server: Server, account: Account, query: str) -> list[dict[str, Any]]:
    response = await server.client.get(SEARCH, params={"query": query}, headers=account.headers)
    assert response.status == 200, await response.text()
    body: list[dict[str, Any]] = await response.json()
    return body


async def titles(server: Server, account: Account, query: str) -> list[str]:
    return [series["title"] for series in await found(server, account, query)]


async def test_finds_readable_series_by_word_prefix_and_substring(server: Server) -> None:
    tag = "t" + secrets.token_hex(3)  # a word: bare hex can read as numbers
    viewer = await viewer_of(server, f"Lantern Coast {tag}", f"Copper Valley {tag}")

    assert await titles(server, viewer, "lantern") == [f"Lantern Coast {tag}"]
    assert await titles(server, viewer, "copp") == [f"Copper Valley {tag}"]
    assert await titles(server, viewer, "er vall") == [f"Copper Valley {tag}"]
    assert await titles(server, viewer, "original lantern") == [f"Lantern Coast {tag}"]
    assert await titles(server, viewer, tag) == [f"Copper Valley {tag}", f"Lantern Coast {tag}"]
    assert await titles(server, viewer, "hidden") == []


async def test_results_are_tv_series(server: Server) -> None:
    tag = "t" + secrets.token_hex(3)  # a word: bare hex can read as numbers
    viewer = await viewer_of(server, f"Granite {tag}")

    [series] = await found(server, viewer, "granite")
    assert series["original_title"] == f"Original Granite {tag}"
    assert series["library_added_at"] == series["created_at"]
    assert "library_id" not in series


async def test_wildcards_in_the_query_match_themselves(server: Server) -> None:
    tag = "t" + secrets.token_hex(3)  # a word: bare hex can read as numbers
    viewer = await viewer_of(server, f"50% Off {tag}", f"500 Off {tag}", f"a_b {tag}", f"aXb {tag}")

    assert await titles(server, viewer, "0%") == [f"50% Off {tag}"]
    assert await titles(server, viewer, "a_b") == [f"a_b {tag}"]
    assert await titles(server, viewer, "%") == [f"50% Off {tag}"]


@pytest.mark.parametrize("query", ["", "  \t ", "x" * 201])
async def test_blank_or_overlong_queries_are_refused(server: Server, query: str) -> None:
    account = await signed_up(server)
    response = await server.client.get(SEARCH, params={"query": query}, headers=account.headers)
    assert response.status == 400, await response.text()


async def test_limit_and_offset_are_bounded(server: Server) -> None:
    account = await signed_up(server)
    for params in ({"limit": "0"}, {"limit": "101"}, {"offset": "-1"}):
        response = await server.client.get(
            SEARCH, params={"query": "coast", **params}, headers=account.headers
        )
        assert response.status == 400, (params, await response.text())
    response = await server.client.get(SEARCH, headers=account.headers)
    assert response.status == 400
