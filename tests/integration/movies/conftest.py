"""A real app over PostgreSQL and Redis with libraries and movies wired in."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from revenge_app.wiring import with_movies
from tests.integration.catalog_server import catalog_server
from tests.integration.settings.server import Server


@pytest.fixture
async def server(
    engine: AsyncEngine, pg_url: str, redis_url: str, key_prefix: str
) -> AsyncIterator[Server]:
    async with catalog_server(engine, pg_url, redis_url, key_prefix, with_movies) as running:
        yield running
