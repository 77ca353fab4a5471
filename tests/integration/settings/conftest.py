from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.postgres import create_engine, create_session_factory
from revenge_adapters.postgres.migrate import upgrade
from tests.integration.settings.server import Server, running_server


@pytest.fixture(scope="session")
async def sessions(pg_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    await upgrade(pg_url)
    engine = create_engine(pg_url, pool_size=4)
    yield create_session_factory(engine)
    await engine.dispose()


@pytest.fixture
async def server(
    sessions: async_sessionmaker[AsyncSession], pg_url: str, redis_url: str, key_prefix: str
) -> AsyncIterator[Server]:
    async for running in running_server(sessions, pg_url, redis_url, key_prefix):
        yield running
