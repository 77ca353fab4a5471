"""A real app over PostgreSQL and Redis with libraries and movies wired in."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy.ext.asyncio import AsyncEngine

from revenge_adapters.cache import TwoLevelCache, redis_client
from revenge_adapters.events import RedisEventBus
from revenge_adapters.identity import Argon2PasswordHasher, JwtTokenSigner
from revenge_adapters.libraries import PgLibraryAccess
from revenge_adapters.postgres import create_engine, create_session_factory
from revenge_adapters.postgres.migrate import upgrade
from revenge_app.config import Config
from revenge_app.http import HttpDeps, create_app
from revenge_app.wiring import auth_rules, identity_use_cases, with_libraries, with_movies
from tests.integration.settings.server import CHEAP, SIGNING_SECRET, Server
from tests.unit.fakes.jobs import FakeJobQueue


@pytest.fixture(scope="session")
async def engine(pg_url: str) -> AsyncIterator[AsyncEngine]:
    await upgrade(pg_url)
    engine = create_engine(pg_url, pool_size=4)
    yield engine
    await engine.dispose()


@pytest.fixture
async def server(
    engine: AsyncEngine, pg_url: str, redis_url: str, key_prefix: str
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
    use_cases = with_movies(with_libraries(base, sessions, access), sessions, access, cache)
    app = create_app(config, HttpDeps(use_cases=use_cases))
    try:
        async with TestClient(TestServer(app)) as client:
            yield Server(client, FakeJobQueue(), pg_url)
    finally:
        await cache.close()
        await bus.close()
        await redis.aclose()
