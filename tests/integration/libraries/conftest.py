"""A real app over PostgreSQL and Redis with libraries wired in (activity kept in memory)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.cache import TwoLevelCache, redis_client
from revenge_adapters.events import RedisEventBus
from revenge_adapters.identity import Argon2PasswordHasher, JwtTokenSigner
from revenge_adapters.libraries import PgLibraryAccess
from revenge_app.config import Config
from revenge_app.http import HttpDeps, create_app
from revenge_app.wiring import auth_rules, identity_use_cases, with_libraries
from tests.integration.app_server import CHEAP, SIGNING_SECRET, Server
from tests.unit.activity.fakes import RecordedActivity
from tests.unit.fakes.jobs import FakeJobQueue


@pytest.fixture
def activity() -> RecordedActivity:
    return RecordedActivity()


@pytest.fixture
async def server(
    sessions: async_sessionmaker[AsyncSession],
    pg_url: str,
    redis_url: str,
    key_prefix: str,
    activity: RecordedActivity,
) -> AsyncIterator[Server]:
    redis = redis_client(redis_url)
    bus = RedisEventBus(redis, key_prefix)
    await bus.start()
    cache = TwoLevelCache(redis, bus, name="catalog", key_prefix=key_prefix)
    await cache.start()
    config = Config()
    base = identity_use_cases(
        sessions, Argon2PasswordHasher(CHEAP), JwtTokenSigner(SIGNING_SECRET), auth_rules(config)
    )
    use_cases = with_libraries(base, sessions, PgLibraryAccess(sessions, cache), activity)
    app = create_app(config, HttpDeps(use_cases=use_cases))
    try:
        async with TestClient(TestServer(app)) as client:
            yield Server(client, FakeJobQueue(), pg_url)
    finally:
        await cache.close()
        await bus.close()
        await redis.aclose()
