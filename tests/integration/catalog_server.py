"""A real app over PostgreSQL and Redis with libraries and one catalogue wired in, for the movie
and TV integration tests."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable

from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from revenge_adapters.cache import TwoLevelCache, redis_client
from revenge_adapters.events import RedisEventBus
from revenge_adapters.identity import Argon2PasswordHasher, JwtTokenSigner
from revenge_adapters.libraries import PgLibraryAccess
from revenge_adapters.postgres import create_engine, create_session_factory
from revenge_adapters.postgres.migrate import upgrade
from revenge_app.config import Config
from revenge_app.http import HttpDeps, create_app
from revenge_app.http.state import UseCases
from revenge_app.wiring import auth_rules, identity_use_cases, with_libraries
from tests.integration.settings.server import CHEAP, SIGNING_SECRET, Server
from tests.unit.activity.fakes import RecordedActivity
from tests.unit.fakes.jobs import FakeJobQueue

Sessions = async_sessionmaker[AsyncSession]
# Adds one catalogue to the use cases: (use cases, sessions, library access, cache) -> use cases.
Catalogue = Callable[[UseCases, Sessions, PgLibraryAccess, TwoLevelCache], UseCases]


@contextlib.asynccontextmanager
async def migrated_engine(pg_url: str) -> AsyncIterator[AsyncEngine]:
    await upgrade(pg_url)
    engine = create_engine(pg_url, pool_size=4)
    try:
        yield engine
    finally:
        await engine.dispose()


@contextlib.asynccontextmanager
async def catalog_server(
    engine: AsyncEngine, pg_url: str, redis_url: str, key_prefix: str, catalogue: Catalogue
) -> AsyncIterator[Server]:
    sessions = create_session_factory(engine)
    redis = redis_client(redis_url)
    bus = RedisEventBus(redis, key_prefix)
    await bus.start()
    cache = TwoLevelCache(redis, bus, name="catalog", key_prefix=key_prefix)
    await cache.start()
    config = Config()
    base = identity_use_cases(
        sessions, Argon2PasswordHasher(CHEAP), JwtTokenSigner(SIGNING_SECRET), auth_rules(config)
    )
    access = PgLibraryAccess(sessions, cache)
    use_cases = with_libraries(base, sessions, access, RecordedActivity())
    app = create_app(config, HttpDeps(use_cases=catalogue(use_cases, sessions, access, cache)))
    try:
        async with TestClient(TestServer(app)) as client:
            yield Server(client, FakeJobQueue(), pg_url)
    finally:
        await cache.close()
        await bus.close()
        await redis.aclose()
