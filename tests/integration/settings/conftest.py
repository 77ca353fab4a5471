from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.integration.settings.server import Server, running_server


@pytest.fixture
async def server(
    sessions: async_sessionmaker[AsyncSession], pg_url: str, redis_url: str, key_prefix: str
) -> AsyncIterator[Server]:
    async for running in running_server(sessions, pg_url, redis_url, key_prefix):
        yield running
