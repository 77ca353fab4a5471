"""A playback server per test over the session's migrated database."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.integration.playback.server import PlaybackServer, playback_server


@pytest.fixture
async def running(
    engine: AsyncEngine, pg_url: str, redis_url: str, key_prefix: str
) -> AsyncIterator[PlaybackServer]:
    async with playback_server(engine, pg_url, redis_url, key_prefix) as server:
        yield server
