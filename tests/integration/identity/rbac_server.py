"""A server for the rbac tests: the real app over real PostgreSQL and Redis, with the stored
permission policy loaded from the database and kept fresh as in production."""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import AsyncIterator

import attrs
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.cache import TwoLevelCache, redis_client
from revenge_adapters.events import RedisEventBus
from revenge_adapters.identity import Argon2PasswordHasher, JwtTokenSigner
from revenge_adapters.identity.rbac import stored_permission_policy
from revenge_adapters.postgres import create_engine, create_session_factory
from revenge_adapters.postgres.migrate import upgrade
from revenge_app.config import Config
from revenge_app.http import HttpDeps, create_app
from revenge_app.http.state import UseCases
from revenge_app.wiring import auth_rules, identity_use_cases
from revenge_domain.identity.rbac import StoredPermissionPolicy
from tests.integration.identity.instances import CHEAP, Client


@attrs.frozen
class RbacServer:
    client: Client
    use_cases: UseCases
    policy: StoredPermissionPolicy
    cache: TwoLevelCache
    session_factory: async_sessionmaker[AsyncSession]
    prefix: str
    signing_key: str


@contextlib.asynccontextmanager
async def rbac_server(
    pg_url: str,
    redis_url: str,
    refresh_every_s: float = 10.0,
    *,
    prefix: str = "",
    signing_key: str = "",
) -> AsyncIterator[RbacServer]:
    """With the `prefix` and `signing_key` of another one, a second instance of the same site."""
    await upgrade(pg_url)
    prefix = prefix or f"rbac-test:{secrets.token_hex(4)}:"
    signing_key = signing_key or secrets.token_hex(32)
    async with contextlib.AsyncExitStack() as stack:
        engine = create_engine(pg_url, pool_size=4)
        stack.push_async_callback(engine.dispose)
        client = redis_client(redis_url)
        stack.push_async_callback(client.aclose)
        bus = RedisEventBus(client, prefix)
        await bus.start()
        stack.push_async_callback(bus.close)
        cache = TwoLevelCache(client, bus, name="credentials", key_prefix=prefix)
        await cache.start()
        stack.push_async_callback(cache.close)
        stack.push_async_callback(cache.invalidate_prefix, "")
        factory = create_session_factory(engine)
        policy = await stack.enter_async_context(
            contextlib.asynccontextmanager(stored_permission_policy)(
                factory, cache, refresh_every_s, events=bus
            )
        )
        use_cases = identity_use_cases(
            factory,
            Argon2PasswordHasher(CHEAP),
            JwtTokenSigner(signing_key),
            auth_rules(Config()),
            credentials=cache,
            policy=policy,
        )
        app = create_app(Config(), HttpDeps(use_cases=use_cases))
        test_client = await stack.enter_async_context(TestClient(TestServer(app)))
        yield RbacServer(test_client, use_cases, policy, cache, factory, prefix, signing_key)
