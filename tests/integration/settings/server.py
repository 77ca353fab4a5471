"""A real app over PostgreSQL and Redis with settings and the activity log wired in; jobs run
inline through the in-memory queue with the app's own handlers."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from typing import Any
from uuid import UUID

import asyncpg
import attrs
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.activity import PgActivityStore
from revenge_adapters.cache import TwoLevelCache, redis_client
from revenge_adapters.events import RedisEventBus
from revenge_adapters.identity import Argon2PasswordHasher, JwtTokenSigner
from revenge_app.config import Config
from revenge_app.http import HttpDeps, create_app
from revenge_app.jobs.handlers import JobServices, build_handlers
from revenge_app.wiring import auth_rules, identity_use_cases, with_settings_and_activity
from tests.integration.support import CHEAP, PASSWORD, Client
from tests.unit.fakes.jobs import FakeDeadLetterStore, FakeJobQueue

# One secret for every instance of a test, as servers of one deployment share theirs.
SIGNING_SECRET = secrets.token_hex(32)


@attrs.frozen
class Server:
    client: Client
    queue: FakeJobQueue
    pg_url: str


@attrs.frozen
class Account:
    name: str
    user_id: UUID
    headers: dict[str, str]


async def running_server(
    sessions: async_sessionmaker[AsyncSession], pg_url: str, redis_url: str, key_prefix: str
) -> AsyncIterator[Server]:
    """The app with a settings cache in Redis under `key_prefix`; yields once, then closes."""
    redis = redis_client(redis_url)
    bus = RedisEventBus(redis, key_prefix)
    await bus.start()
    cache = TwoLevelCache(redis, bus, name="catalog", key_prefix=key_prefix)
    await cache.start()
    services = JobServices(FakeDeadLetterStore(), activity=PgActivityStore(sessions))
    queue = FakeJobQueue(build_handlers(services))
    config = Config()
    base = identity_use_cases(
        sessions,
        Argon2PasswordHasher(CHEAP),
        JwtTokenSigner(SIGNING_SECRET),
        auth_rules(config),
    )
    use_cases = with_settings_and_activity(base, sessions, cache, queue)
    app = create_app(config, HttpDeps(use_cases=use_cases))
    try:
        async with TestClient(TestServer(app)) as client:
            yield Server(client, queue, pg_url)
    finally:
        await cache.close()
        await bus.close()
        await redis.aclose()


async def signed_up(server: Server, admin: bool = False) -> Account:
    """A fresh account, signed in with a bearer token (no cookies kept)."""
    client = server.client
    name = f"u{secrets.token_hex(5)}"
    body = {"username": name, "email": f"{name}@example.com", "password": PASSWORD}
    registered = await client.post("/api/v1/auth/register", json=body)
    assert registered.status == 201
    user_id = UUID((await registered.json())["id"])
    if admin:
        connection = await asyncpg.connect(server.pg_url)
        try:
            await connection.execute(
                "UPDATE shared.users SET is_admin = true WHERE id = $1", user_id
            )
        finally:
            await connection.close()
    login = await client.post("/api/v1/auth/login", json={"username": name, "password": PASSWORD})
    assert login.status == 200
    client.session.cookie_jar.clear()
    token = (await login.json())["access_token"]
    return Account(name, user_id, {"Authorization": f"Bearer {token}"})


async def json_of(response: Any) -> Any:
    return await response.json()
