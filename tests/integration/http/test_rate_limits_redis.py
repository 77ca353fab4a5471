"""Rate limits counted in Redis: two server instances on one Redis share them, and a Redis that
cannot be reached lets requests through instead of failing them. Every password is wrong here."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

import attrs
from dependency_injector import providers

from revenge_adapters.cache import redis_client
from revenge_adapters.rate_limits import redis_rate_limits
from revenge_app.config import Config, RateLimitsConfig
from revenge_app.container import Container
from revenge_app.http import HttpDeps
from revenge_domain.errors import Unauthenticated
from revenge_domain.identity import ClientInfo
from tests.integration.app_server import app_server
from tests.integration.support import Client

BODY = {"username": "pat", "password": "a long passphrase"}
RATES = RateLimitsConfig(sign_in="3/minute", sign_in_account="100/minute")


async def wrong_password(login: str, password: str, client: ClientInfo) -> Any:
    raise Unauthenticated("invalid username or password")


def refusing_every_password(container: Container) -> None:
    container.identity.second_factor.override(providers.Object(wrong_password))


@contextlib.asynccontextmanager
async def instance(config: Config, redis_url: str) -> AsyncIterator[Client]:
    """One server instance with its own Redis connection for the rate limits (at `redis_url`)."""
    redis = redis_client(redis_url)
    config = attrs.evolve(config, rate_limits=RATES)
    deps = HttpDeps(rate_limits=redis_rate_limits(redis, config.cache.key_prefix))
    try:
        async with app_server(config, refusing_every_password, deps=deps) as server:
            yield server.client
    finally:
        await redis.aclose()


async def test_two_instances_on_one_redis_share_the_limit(config: Config, redis_url: str) -> None:
    async with instance(config, redis_url) as a, instance(config, redis_url) as b:
        statuses = [
            (await client.post("/api/v1/auth/login", json=BODY)).status for client in (a, b, a, b)
        ]
        refused = await b.post("/api/v1/auth/login", json=BODY)
        assert statuses == [401, 401, 401, 429]
        assert refused.status == 429
        assert int(refused.headers["Retry-After"]) > 0


async def test_redis_down_lets_requests_through(config: Config) -> None:
    async with instance(config, "redis://127.0.0.1:1/0") as client:
        for _ in range(5):
            assert (await client.post("/api/v1/auth/login", json=BODY)).status == 401


async def test_limits_are_kept_under_the_key_prefix(
    config: Config, redis_url: str, key_prefix: str
) -> None:
    async with instance(config, redis_url) as client:
        await client.post("/api/v1/auth/login", json=BODY)
    redis = redis_client(redis_url)
    try:
        keys = [key async for key in redis.scan_iter(match=f"{key_prefix}rate*")]
    finally:
        await redis.aclose()
    assert keys
