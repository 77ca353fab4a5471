"""Real services for integration tests: the machine's PostgreSQL and Redis (a database and a key
prefix of their own per run) and a Typesense server started for the session."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest
import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from revenge_adapters.postgres import create_engine, create_session_factory
from revenge_adapters.postgres.migrate import upgrade
from revenge_app.config import Config
from revenge_app.embedded.typesense import TypesenseServer, start_typesense
from tests.integration.app_server import app_config

PG_ADMIN_DSN = os.environ.get(
    "REVENGE_TEST_PG_DSN", "postgresql://postgres@127.0.0.1:5432/postgres"
)
REDIS_URL = os.environ.get("REVENGE_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture(scope="session")
async def pg_url() -> AsyncIterator[str]:
    """A fresh, empty database for this test session (dropped at the end)."""
    name = f"revenge_test_{secrets.token_hex(4)}"
    admin = await asyncpg.connect(PG_ADMIN_DSN)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    yield PG_ADMIN_DSN.rsplit("/", 1)[0] + f"/{name}"
    admin = await asyncpg.connect(PG_ADMIN_DSN)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


@pytest.fixture
async def empty_pg_url() -> AsyncIterator[str]:
    """A database of its own for one test (for migration up/down tests)."""
    name = f"revenge_test_{secrets.token_hex(4)}"
    admin = await asyncpg.connect(PG_ADMIN_DSN)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        yield PG_ADMIN_DSN.rsplit("/", 1)[0] + f"/{name}"
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


@contextlib.asynccontextmanager
async def migrated_engine(pg_url: str) -> AsyncIterator[AsyncEngine]:
    await upgrade(pg_url)
    engine = create_engine(pg_url, pool_size=4)
    try:
        yield engine
    finally:
        await engine.dispose()


@pytest.fixture(scope="session")
async def engine(pg_url: str) -> AsyncIterator[AsyncEngine]:
    """The session's database, migrated to the latest schema."""
    async with migrated_engine(pg_url) as migrated:
        yield migrated


@pytest.fixture(scope="session")
def sessions(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return create_session_factory(engine)


@pytest.fixture
async def connection(pg_url: str, engine: AsyncEngine) -> AsyncIterator[asyncpg.Connection]:
    """A raw connection to the migrated database, to arrange rows and look at them."""
    connection = await asyncpg.connect(pg_url)
    yield connection
    await connection.close()


@pytest.fixture(scope="session")
def redis_url() -> str:
    return REDIS_URL


@pytest.fixture
async def key_prefix(redis_url: str) -> AsyncIterator[str]:
    """A Redis key prefix of this test's own; its keys are deleted afterwards."""
    prefix = f"revenge-test-{secrets.token_hex(4)}:"
    yield prefix
    client = aioredis.from_url(redis_url)
    try:
        async for key in client.scan_iter(match=f"{prefix}*", count=500):
            await client.delete(key)
    finally:
        await client.aclose()


@pytest.fixture(scope="session")
def typesense(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TypesenseServer]:
    server = start_typesense(Path(tmp_path_factory.mktemp("typesense")))
    yield server
    server.stop()


@pytest.fixture
def config(
    pg_url: str, engine: AsyncEngine, redis_url: str, key_prefix: str, tmp_path: Path
) -> Config:
    """Settings of an app over this test's database (migrated) and Redis key prefix."""
    return app_config(pg_url, redis_url, key_prefix, tmp_path / "data")
