"""Rate limits counted in Redis: two server instances on one Redis share them, and a Redis that
cannot be reached lets requests through instead of failing them."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from aiohttp.test_utils import TestClient, TestServer

from revenge_adapters.cache import redis_client
from revenge_adapters.rate_limits import redis_rate_limits
from revenge_app.config import CacheConfig, Config, RateLimitsConfig
from revenge_app.http import HttpDeps, create_app
from revenge_app.http.state import UseCases
from revenge_domain.errors import Unauthenticated
from revenge_domain.identity import ClientInfo
from tests.integration.support import Client

BODY = {"username": "pat", "password": "a long passphrase"}
RATES = RateLimitsConfig(sign_in="3/minute", sign_in_account="100/minute")


async def wrong_password(login: str, password: str, client: ClientInfo) -> Any:
    raise Unauthenticated("invalid username or password")


@contextlib.asynccontextmanager
async def instance(redis_url: str, key_prefix: str) -> AsyncIterator[Client]:
    """One server instance with its own Redis connection."""
    redis = redis_client(redis_url)
    config = Config(cache=CacheConfig(key_prefix=key_prefix), rate_limits=RATES)
    deps = HttpDeps(
        use_cases=UseCases(login=wrong_password),  # type: ignore[arg-type]
        rate_limits=redis_rate_limits(redis, key_prefix),
    )
    try:
        async with TestClient(TestServer(create_app(config, deps))) as client:
            yield client
    finally:
        await redis.aclose()


async def test_two_instances_on_one_redis_share_the_limit(redis_url: str, key_prefix: str) -> None:
    async with instance(redis_url, key_prefix) as a, instance(redis_url, key_prefix) as b:
        statuses = [
            (await client.post("/api/v1/auth/login", json=BODY)).status for client in (a, b, a, b)
        ]
        refused = await b.post("/api/v1/auth/login", json=BODY)
        assert statuses == [401, 401, 401, 429]
        assert refused.status == 429
        assert int(refused.headers["Retry-After"]) > 0


async def test_redis_down_lets_requests_through(key_prefix: str) -> None:
    async with instance("redis://127.0.0.1:1/0", key_prefix) as client:
        for _ in range(5):
            assert (await client.post("/api/v1/auth/login", json=BODY)).status == 401


async def test_limits_are_kept_under_the_key_prefix(redis_url: str, key_prefix: str) -> None:
    async with instance(redis_url, key_prefix) as client:
        await client.post("/api/v1/auth/login", json=BODY)
    redis = redis_client(redis_url)
    try:
        keys = [key async for key in redis.scan_iter(match=f"{key_prefix}rate*")]
    finally:
        await redis.aclose()
    assert keys
