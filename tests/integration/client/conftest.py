"""The app as `revenge serve` builds it (the real container over PostgreSQL, Redis and Typesense,
or without a search engine so that PostgreSQL answers searches), on a catalogue written and
indexed by `revenge seed`, with a few titles of our own added to the seeded ones."""

from __future__ import annotations

import contextlib
import io
import secrets
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import asyncpg
import attrs
import pytest

from revenge_adapters.search import TypesenseSearchIndex
from revenge_app.cli.migrate import Progress
from revenge_app.cli.seed import DEMO_PASSWORD, seed
from revenge_app.embedded.typesense import TypesenseServer
from revenge_app.seed import SeedPlan
from revenge_app.seed.search import index_seeded
from tests.integration.app_server import app_config, app_server
from tests.integration.conftest import PG_ADMIN_DSN
from tests.integration.support import Client

READER = "seed_user_001"
# Titles the relevance tests look for, beside seeded titles that share their words.
TITLES = (
    "Bright Frontier",
    "Frontier",
    "The Last Frontier",
    "Bright Lights",
    "Spider-Man: Homecoming",
    "Amélie",
    "Alien",
    "Aliens in the Attic",
    "Interstellar",
    "Inter Nations",
)
# Titles holding one word of a query whose overview holds them all.
OVERVIEWS = {
    "Frontier": "A bright frontier town, brighter every year.",
    "The Last Frontier": "Bright lights at the frontier.",
}


@attrs.frozen
class Seeded:
    url: str
    prefix: str
    index: TypesenseSearchIndex
    output: str


@attrs.frozen
class App:
    client: Client
    url: str
    headers: dict[str, str]

    async def get(self, path: str, **params: Any) -> Any:
        response = await self.client.get(path, params=params, headers=self.headers)
        assert response.status == 200, await response.text()
        return await response.json()


@pytest.fixture(scope="module")
async def seeded(
    tmp_path_factory: pytest.TempPathFactory, typesense: TypesenseServer
) -> AsyncIterator[Seeded]:
    """A database of this module's own, seeded and indexed by `seed`; then `TITLES` given to
    seeded movies and the collections rebuilt."""
    name = f"revenge_test_{secrets.token_hex(4)}"
    admin = await asyncpg.connect(PG_ADMIN_DSN)
    await admin.execute(f'CREATE DATABASE "{name}"')
    url = PG_ADMIN_DSN.rsplit("/", 1)[0] + f"/{name}"
    root = tmp_path_factory.mktemp("seed")
    plan = SeedPlan(
        movies=300, series=6, episodes_per_series=4, users=2, seed=11,
        movie_root=root / "movies", tv_root=root / "tv",
    )  # fmt: skip
    prefix = f"t{secrets.token_hex(4)}_"
    index = TypesenseSearchIndex(typesense.url, typesense.api_key, prefix=prefix)
    output = io.StringIO()
    try:
        await seed(url, plan, Progress(27, output), index=index)
        await give_titles(url)
        await index_seeded(url, index, Progress(6, io.StringIO()))
        yield Seeded(url, prefix, index, output.getvalue())
    finally:
        await index.drop_all()
        await index.close()
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def give_titles(url: str) -> None:
    """`TITLES` to the least popular readable movies (the seeded ones keep theirs)."""
    connection = await asyncpg.connect(url)
    try:
        ids = await connection.fetch(
            "SELECT id FROM movie.movies ORDER BY popularity, id LIMIT $1", len(TITLES)
        )
        for row, title in zip(ids, TITLES, strict=True):
            await connection.execute(
                "UPDATE movie.movies SET title = $2, original_title = $2, overview = $3"
                " WHERE id = $1",
                row["id"],
                title,
                OVERVIEWS.get(title, ""),
            )
    finally:
        await connection.close()


@pytest.fixture(scope="module")
async def app(
    seeded: Seeded,
    redis_url: str,
    typesense: TypesenseServer,
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[App]:
    data_dir = tmp_path_factory.mktemp("data")
    async with running_app(seeded, redis_url, typesense, data_dir) as running:
        yield running


@pytest.fixture(scope="module")
async def fallback_app(
    seeded: Seeded, redis_url: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[App]:
    """The same catalogue with no search engine: PostgreSQL answers every search."""
    data_dir = tmp_path_factory.mktemp("data")
    async with running_app(seeded, redis_url, None, data_dir) as running:
        yield running


@contextlib.asynccontextmanager
async def running_app(
    seeded: Seeded, redis_url: str, typesense: TypesenseServer | None, data_dir: Path
) -> AsyncIterator[App]:
    prefix = f"revenge-test-{secrets.token_hex(4)}:"
    config = app_config(
        seeded.url, redis_url, prefix, data_dir, typesense, search__collection_prefix=seeded.prefix
    )
    async with app_server(config, run_jobs=False) as server:
        client = server.client
        login = {"username": READER, "password": DEMO_PASSWORD}
        response = await client.post("/api/v1/auth/login", json=login)
        assert response.status == 200, await response.text()
        token = (await response.json())["access_token"]
        client.session.cookie_jar.clear()
        yield App(client, seeded.url, {"Authorization": f"Bearer {token}"})
