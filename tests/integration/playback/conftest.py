"""A playback server per test over the session's migrated database."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.integration.catalog_server import migrated_engine
from tests.integration.playback.server import PlaybackServer, playback_server


@pytest.fixture(scope="session")
async def engine(pg_url: str) -> AsyncIterator[AsyncEngine]:
    async with migrated_engine(pg_url) as migrated:
        yield migrated


@pytest.fixture
async def running(
    engine: AsyncEngine, pg_url: str, redis_url: str, key_prefix: str
) -> AsyncIterator[PlaybackServer]:
    async with playback_server(engine, pg_url, redis_url, key_prefix) as server:
        yield server
