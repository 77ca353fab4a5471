"""The whole app over PostgreSQL and Redis as `revenge serve` builds it (movies, TV, the
catalogue language, library deletions reported to the cache follower; jobs only recorded), and
a second cache on the same Redis standing for another process (a worker) that reports changes."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from revenge_adapters.cache import TwoLevelCache, redis_client
from revenge_adapters.events import RedisEventBus
from revenge_adapters.languages import PgLanguagePreferences
from revenge_adapters.postgres import create_session_factory
from revenge_app.config import Config
from revenge_domain.catalog_cache import CatalogCacheFollower
from tests.integration.app_server import Server, app_server


@pytest.fixture
async def server(config: Config) -> AsyncIterator[Server]:
    async with app_server(config, run_jobs=False) as running:
        yield running


@pytest.fixture
async def worker(
    engine: AsyncEngine, redis_url: str, key_prefix: str
) -> AsyncIterator[CatalogCacheFollower]:
    """The cache follower of another process sharing the server's Redis."""
    client = redis_client(redis_url)
    bus = RedisEventBus(client, key_prefix)
    await bus.start()
    cache = TwoLevelCache(client, bus, name="catalog", key_prefix=key_prefix)
    await cache.start()
    try:
        languages = PgLanguagePreferences(create_session_factory(engine), cache)
        yield CatalogCacheFollower(cache, languages)
    finally:
        await cache.close()
        await bus.close()
        await client.aclose()
