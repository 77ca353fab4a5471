"""Server instances for credential tests: the real app over real PostgreSQL and Redis, each
instance with its own Redis client, event bus, credential cache and API-key use recorder."""

from __future__ import annotations

import contextlib
import secrets
from typing import Any

import attrs
from aiohttp.test_utils import TestClient, TestServer

from revenge_adapters.cache import TwoLevelCache, redis_client
from revenge_adapters.events import RedisEventBus
from revenge_adapters.identity import Argon2PasswordHasher, JwtTokenSigner
from revenge_adapters.identity.api_keys import PgApiKeyUses
from revenge_adapters.postgres import create_engine, create_session_factory
from revenge_app.config import Config
from revenge_app.http import HttpDeps, create_app
from revenge_app.wiring import auth_rules, identity_use_cases
from tests.integration.support import CHEAP, PASSWORD, Client


@attrs.frozen
class Instance:
    client: Client
    cache: TwoLevelCache
    uses: PgApiKeyUses


@attrs.define
class Cluster:
    """Instances that share one database, one Redis and one signing secret."""

    pg_url: str
    redis_url: str
    key_prefix: str
    flush_every_s: float = 0.05
    secret: str = attrs.Factory(lambda: secrets.token_hex(32))
    _stack: contextlib.AsyncExitStack = attrs.Factory(contextlib.AsyncExitStack)

    async def start(self) -> Instance:
        stack = self._stack
        engine = create_engine(self.pg_url, pool_size=4)
        stack.push_async_callback(engine.dispose)
        client = redis_client(self.redis_url)
        stack.push_async_callback(client.aclose)
        bus = RedisEventBus(client, self.key_prefix)
        await bus.start()
        stack.push_async_callback(bus.close)
        cache = TwoLevelCache(client, bus, name="credentials", key_prefix=self.key_prefix)
        await cache.start()
        stack.push_async_callback(cache.close)
        factory = create_session_factory(engine)
        uses = PgApiKeyUses(factory, every_s=self.flush_every_s)
        uses.start()
        stack.push_async_callback(uses.close)
        use_cases = identity_use_cases(
            factory,
            Argon2PasswordHasher(CHEAP),
            JwtTokenSigner(self.secret),
            auth_rules(Config()),
            credentials=cache,
            key_uses=uses,
        )
        app = create_app(Config(), HttpDeps(use_cases=use_cases))
        test_client = await stack.enter_async_context(TestClient(TestServer(app)))
        return Instance(test_client, cache, uses)

    async def close(self) -> None:
        await self._stack.aclose()


async def signed_up(client: Client) -> dict[str, Any]:
    """Register a fresh account and sign in; the answer of the login (no cookies kept)."""
    name = f"u{secrets.token_hex(5)}"
    body = {"username": name, "email": f"{name}@example.com", "password": PASSWORD}
    assert (await client.post("/api/v1/auth/register", json=body)).status == 201
    login = await client.post("/api/v1/auth/login", json={"username": name, "password": PASSWORD})
    assert login.status == 200
    client.session.cookie_jar.clear()
    answer: dict[str, Any] = await login.json()
    return answer


def bearer(login: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": f"Bearer {login['access_token']}"}
