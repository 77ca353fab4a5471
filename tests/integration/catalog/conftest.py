"""A real app over PostgreSQL and Redis with the whole catalogue wired as `revenge serve` wires
it (movies, TV, the catalogue language, library deletions reported to the cache follower), and
a second cache on the same Redis standing for another process (a worker) that reports changes."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from revenge_adapters.cache import TwoLevelCache, redis_client
from revenge_adapters.events import RedisEventBus
from revenge_adapters.languages import PgLanguagePreferences
from revenge_adapters.libraries import PgLibraryAccess
from revenge_adapters.postgres import create_session_factory
from revenge_app.http.state import UseCases
from revenge_app.wiring import with_libraries, with_movies, with_tvshows
from revenge_domain.catalog_cache import CatalogCacheFollower
from tests.integration.catalog_server import Sessions, catalog_server
from tests.integration.app_server import Server
from tests.unit.activity.fakes import RecordedActivity


def whole_catalogue(
    use_cases: UseCases, sessions: Sessions, access: PgLibraryAccess, cache: TwoLevelCache
) -> UseCases:
    languages = PgLanguagePreferences(sessions, cache)
    follower = CatalogCacheFollower(cache, languages)
    use_cases = with_libraries(use_cases, sessions, access, RecordedActivity(), follower)
    use_cases = with_movies(use_cases, sessions, access, cache, languages)
    return with_tvshows(use_cases, sessions, access, cache, languages)


@pytest.fixture
async def server(
    engine: AsyncEngine, pg_url: str, redis_url: str, key_prefix: str
) -> AsyncIterator[Server]:
    async with catalog_server(engine, pg_url, redis_url, key_prefix, whole_catalogue) as running:
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
