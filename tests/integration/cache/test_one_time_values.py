"""One-time values against a real Redis: taken once, gone after their time, absent (not an
error) when Redis cannot answer."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
import redis.asyncio as aioredis
from redis.exceptions import RedisError

from revenge_adapters.cache import redis_client
from revenge_adapters.cache.one_time import OneTimeValues


@pytest.fixture
async def client(redis_url: str) -> AsyncIterator[aioredis.Redis]:
    client = redis_client(redis_url)
    yield client
    await client.aclose()


async def test_a_value_is_taken_once(client: aioredis.Redis, key_prefix: str) -> None:
    values = OneTimeValues(client, f"{key_prefix}once:")
    await values.put(b"secret", {"n": 1}, ttl_s=30)

    assert await values.take(b"other") is None
    assert await values.take(b"secret") == {"n": 1}
    assert await values.take(b"secret") is None


async def test_the_key_does_not_reveal_the_secret(client: aioredis.Redis, key_prefix: str) -> None:
    await OneTimeValues(client, f"{key_prefix}once:").put(b"secret", {}, ttl_s=30)

    keys = [key async for key in client.scan_iter(f"{key_prefix}once:*")]
    assert len(keys) == 1
    assert "secret" not in str(keys[0])


async def test_a_value_expires(client: aioredis.Redis, key_prefix: str) -> None:
    values = OneTimeValues(client, f"{key_prefix}once:")
    await values.put(b"secret", {"n": 1}, ttl_s=1)
    await asyncio.sleep(1.2)

    assert await values.take(b"secret") is None


async def test_redis_down_means_absent_on_take_and_an_error_on_put() -> None:
    dead = redis_client("redis://127.0.0.1:1/0")
    values = OneTimeValues(dead, "revenge-test-dead:")
    try:
        assert await values.take(b"secret") is None
        with pytest.raises(RedisError):
            await values.put(b"secret", {}, ttl_s=30)
    finally:
        await dead.aclose()
