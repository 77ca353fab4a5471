"""Caches on the machine's Redis, each with its own client and event bus, as separate servers."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from redis.asyncio import Redis

from revenge_adapters.cache import TwoLevelCache, redis_client
from revenge_adapters.events import RedisEventBus

OpenCache = Callable[..., Awaitable[TwoLevelCache]]


@pytest.fixture
async def open_cache(redis_url: str, key_prefix: str) -> AsyncIterator[OpenCache]:
    """`await open_cache(url=..., **options)`: a started cache, closed after the test."""
    opened: list[tuple[TwoLevelCache, RedisEventBus, Redis]] = []

    async def open_one(url: str = redis_url, **options: Any) -> TwoLevelCache:
        client = redis_client(url)
        bus = RedisEventBus(client, key_prefix)
        await bus.start()
        options.setdefault("name", "catalog")
        cache = TwoLevelCache(client, bus, key_prefix=key_prefix, **options)
        await cache.start()
        opened.append((cache, bus, client))
        return cache

    yield open_one
    for cache, bus, client in reversed(opened):
        await cache.close()
        await bus.close()
        await client.aclose()


@pytest.fixture
async def raw(redis_url: str) -> AsyncIterator[Redis]:
    """A plain client, to look at (or change) Redis behind the caches' backs."""
    client = Redis.from_url(redis_url)
    yield client
    await client.aclose()


@pytest.fixture
def namespace(key_prefix: str) -> str:
    """Where the "catalog" cache keeps its keys in Redis."""
    return f"{key_prefix}cache:catalog:"
