import asyncio
from collections.abc import Awaitable, Callable

import pytest
from redis.asyncio import Redis

from revenge_adapters.metrics import REGISTRY
from tests.integration.cache.conftest import OpenCache
from tests.integration.cache.helpers import eventually


def lookups(level: str, result: str) -> float:
    labels = {"cache": "catalog", "level": level, "result": result}
    return REGISTRY.get_sample_value("revenge_cache_lookups_total", labels) or 0.0


def counting(value: object) -> tuple[Callable[[], Awaitable[object]], list[int]]:
    calls: list[int] = []

    async def load() -> object:
        calls.append(1)
        return value

    return load, calls


async def test_read_through_loads_once_and_fills_both_levels(
    open_cache: OpenCache, raw: Redis, namespace: str
) -> None:
    cache = await open_cache()
    load, calls = counting({"id": 1, "title": "Alien"})

    first = await cache.get_or_load("movie:1", load, ttl_s=60)
    l1_hits = lookups("l1", "hit")
    second = await cache.get_or_load("movie:1", load, ttl_s=60)

    assert first == second == {"id": 1, "title": "Alien"}
    assert calls == [1]
    assert lookups("l1", "hit") == l1_hits + 1
    assert await raw.get(namespace + "movie:1") == b'{"id":1,"title":"Alien"}'


async def test_an_l2_hit_fills_l1(open_cache: OpenCache, raw: Redis, namespace: str) -> None:
    cache = await open_cache()
    await raw.set(namespace + "movie:1", '{"id":1}', px=60_000)
    l2_hits = lookups("l2", "hit")

    assert await cache.get("movie:1") == {"id": 1}
    assert lookups("l2", "hit") == l2_hits + 1

    await raw.delete(namespace + "movie:1")  # behind the cache's back: no broadcast
    assert await cache.get("movie:1") == {"id": 1}


async def test_concurrent_misses_of_one_key_load_once(open_cache: OpenCache) -> None:
    cache = await open_cache()
    calls: list[int] = []

    async def slow_load() -> list[str]:
        calls.append(1)
        await asyncio.sleep(0.05)
        return ["a", "b"]

    results = await asyncio.gather(*(cache.get_or_load("genres", slow_load, 60) for _ in range(20)))

    assert results == [["a", "b"]] * 20
    assert calls == [1]


async def test_a_loaded_none_is_cached(open_cache: OpenCache) -> None:
    cache = await open_cache()
    load, calls = counting(None)

    assert await cache.get_or_load("movie:404", load, 60) is None
    assert await cache.get_or_load("movie:404", load, 60) is None
    assert calls == [1]


async def test_values_expire_in_redis_after_their_ttl(
    open_cache: OpenCache, raw: Redis, namespace: str
) -> None:
    cache = await open_cache()
    await cache.set("search:movies:abc", [1, 2], ttl_s=0.3)

    ttl_ms = await raw.pttl(namespace + "search:movies:abc")
    assert 0 < ttl_ms <= 300

    async def gone() -> bool:
        return await cache.get("search:movies:abc") is None

    await eventually(gone)
    assert await raw.exists(namespace + "search:movies:abc") == 0


async def test_l1_keeps_an_entry_no_longer_than_its_own_ttl_cap(
    open_cache: OpenCache, raw: Redis, namespace: str
) -> None:
    cache = await open_cache(l1_ttl_s=0.1)
    await cache.set("movie:1", {"id": 1}, ttl_s=60)
    await raw.delete(namespace + "movie:1")
    assert await cache.get("movie:1") == {"id": 1}

    async def gone() -> bool:
        return await cache.get("movie:1") is None

    await eventually(gone)


async def test_a_loader_error_is_raised_and_nothing_is_stored(
    open_cache: OpenCache, raw: Redis, namespace: str
) -> None:
    cache = await open_cache()

    async def broken() -> object:
        raise LookupError("database says no")

    with pytest.raises(LookupError):
        await cache.get_or_load("movie:1", broken, 60)
    assert await raw.exists(namespace + "movie:1") == 0
