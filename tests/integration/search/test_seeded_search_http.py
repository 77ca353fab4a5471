"""On a seeded catalogue indexed by the full rebuild, a seeded reader's typo'd queries find the
right titles and people through every search endpoint, and nothing of libraries they may not
read."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from revenge_adapters.postgres import create_engine, create_session_factory
from revenge_adapters.search import TypesenseSearchIndex
from revenge_adapters.search.documents import PgSearchDocuments
from revenge_app.cli.seed import DEMO_PASSWORD, seed
from revenge_app.seed import SeedPlan
from revenge_domain.search.reindexing import rebuild
from tests.integration.app_server import app_config
from tests.integration.search.shelves import SearchApp, search_server

SEARCH = "/api/v1/search"
READER = "seed_user_001"


@pytest.fixture
async def seeded(empty_pg_url: str, tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    plan = SeedPlan(
        movies=300,
        series=30,
        episodes_per_series=3,
        users=3,
        movie_root=tmp_path / "m",
        tv_root=tmp_path / "t",
    )
    await seed(empty_pg_url, plan)
    await hide_a_twin(empty_pg_url)
    engine = create_engine(empty_pg_url, pool_size=4)
    yield engine
    await engine.dispose()


@pytest.fixture
async def app(
    seeded: AsyncEngine,
    empty_pg_url: str,
    redis_url: str,
    key_prefix: str,
    index: TypesenseSearchIndex,
    tmp_path: Path,
) -> AsyncIterator[SearchApp]:
    results = await rebuild(index, PgSearchDocuments(create_session_factory(seeded)))
    assert all(result.errors == () for result in results)
    config = app_config(empty_pg_url, redis_url, key_prefix, tmp_path / "data")
    async with search_server(config, index) as running:
        yield running


async def hide_a_twin(url: str) -> None:
    """A library nobody may read, holding a film named as the reader's most popular one."""
    connection = await asyncpg.connect(url)
    try:
        library_id = await connection.fetchval(
            "INSERT INTO public.libraries (name, type, paths) VALUES ('Hidden', 'movie', "
            "'{/hidden}') RETURNING id"
        )
        twin = await connection.fetchval(MOVIE, READER)
        await connection.execute(
            "INSERT INTO movie.movies (library_id, title, popularity) VALUES ($1, $2, 1000)",
            library_id,
            twin,
        )
    finally:
        await connection.close()


async def one(url: str, sql: str, column: int = 0) -> str:
    connection = await asyncpg.connect(url)
    try:
        return str(await connection.fetchval(sql, READER, column=column))
    finally:
        await connection.close()


READABLE = """
    library_id IN (SELECT p.library_id FROM public.library_permissions p
                   JOIN shared.users u ON u.id = p.user_id WHERE u.username = $1)
"""
MOVIE = f"""SELECT title FROM movie.movies WHERE {READABLE} AND length(title) > 10
            ORDER BY popularity DESC, id LIMIT 1"""
HIDDEN = f"""SELECT title, id FROM movie.movies WHERE NOT {READABLE}
             ORDER BY popularity DESC, id LIMIT 1"""
SERIES = f"""SELECT title FROM tvshow.series WHERE {READABLE} AND length(title) > 10
             ORDER BY popularity DESC, id LIMIT 1"""
PERSON = f"""SELECT p.name FROM shared.people p JOIN movie.movie_credits c ON c.person_id = p.id
             JOIN movie.movies m ON m.id = c.movie_id WHERE m.{READABLE.strip()}
             AND c.credit_type = 'cast' ORDER BY p.popularity DESC, p.id LIMIT 1"""


def typo(text: str) -> str:
    """One letter dropped from the middle of the longest word."""
    words = text.split()
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[longest]
    words[longest] = word[: len(word) // 2] + word[len(word) // 2 + 1 :]
    return " ".join(words)


async def get(app: SearchApp, headers: dict[str, str], path: str, **params: Any) -> Any:
    response = await app.server.client.get(f"{SEARCH}{path}", params=params, headers=headers)
    assert response.status == 200, await response.text()
    assert response.headers["X-Search-Backend"] == "typesense"
    return await response.json()


def shown(group: dict[str, Any]) -> list[str]:
    return [h["document"].get("title") or h["document"].get("name") for h in group["hits"]]


async def test_a_seeded_reader_finds_titles_and_people_despite_typos(
    app: SearchApp, empty_pg_url: str
) -> None:
    login = await app.server.client.post(
        "/api/v1/auth/login", json={"username": READER, "password": DEMO_PASSWORD}
    )
    assert login.status == 200
    headers = {"Authorization": f"Bearer {(await login.json())['access_token']}"}
    movie, series = await one(empty_pg_url, MOVIE), await one(empty_pg_url, SERIES)
    person, hidden = await one(empty_pg_url, PERSON), await one(empty_pg_url, HIDDEN)
    hidden_id = await one(empty_pg_url, HIDDEN, column=1)
    assert "None" not in (movie, series, person, hidden_id)

    assert movie in shown(await get(app, headers, "/movies", q=typo(movie)))
    assert series in shown(await get(app, headers, "/tvshows", q=typo(series)))
    suggested = await get(app, headers, "/movies/autocomplete", q=typo(movie)[:-1], limit=20)
    assert movie in suggested["suggestions"]
    suggested = await get(app, headers, "/tvshows/autocomplete", q=typo(series)[:-1], limit=20)
    assert series in suggested["suggestions"]
    multi = await get(app, headers, "/multi", q=typo(person), limit=10)
    assert person in shown(multi["people"])
    assert person in shown({"hits": multi["top"]})
    multi = await get(app, headers, "/multi", q=typo(movie), limit=10)
    assert movie in shown(multi["movies"])

    assert hidden == movie  # a twin: only its id tells it apart
    for path, q in (("/movies", hidden), ("/multi", hidden), ("/movies", typo(hidden))):
        assert hidden_id not in str(await get(app, headers, path, q=q))
