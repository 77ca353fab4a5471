import time
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from revenge_adapters.metrics import REGISTRY
from tests.integration.cache.conftest import OpenCache
from tests.integration.cache.helpers import eventually, value_becomes
from tests.integration.cache.proxy import RedisProxy

DEAD_URLS = ["redis://127.0.0.1:1/0", "unix:///nonexistent/revenge-test/redis.sock"]


def bypassed(operation: str) -> float:
    labels = {"operation": operation}
    return REGISTRY.get_sample_value("revenge_cache_bypassed_total", labels) or 0.0


@pytest.fixture
async def proxy(redis_url: str) -> AsyncIterator[RedisProxy]:
    proxy = RedisProxy(redis_url)
    await proxy.start()
    yield proxy
    await proxy.cut()


@pytest.mark.parametrize("url", DEAD_URLS)
async def test_with_redis_down_reads_fall_through_to_the_loader_fast(
    open_cache: OpenCache, url: str
) -> None:
    cache = await open_cache(url)
    before = bypassed("get")
    calls: list[int] = []

    async def load() -> dict[str, int]:
        calls.append(1)
        return {"id": 1}

    started = time.monotonic()
    results = [await cache.get_or_load("movie:1", load, 60) for _ in range(20)]

    assert results == [{"id": 1}] * 20
    assert len(calls) == 20  # bypassed: nothing is kept, not even in L1
    assert bypassed("get") >= before + 20
    assert await cache.get("movie:1") is None
    assert time.monotonic() - started < 1.0


async def test_with_redis_down_writes_and_invalidations_are_skipped(
    open_cache: OpenCache, caplog: pytest.LogCaptureFixture
) -> None:
    cache = await open_cache(DEAD_URLS[0])
    before = bypassed("set") + bypassed("delete") + bypassed("invalidate")

    started = time.monotonic()
    for n in range(10):
        await cache.set(f"movie:{n}", n, 60)
        await cache.delete(f"movie:{n}")
        await cache.invalidate_prefix("movie:")

    assert time.monotonic() - started < 1.0
    assert bypassed("set") + bypassed("delete") + bypassed("invalidate") == before + 30
    warnings = [r for r in caplog.records if "bypassing the cache" in r.getMessage()]
    assert len(warnings) == 1


async def test_the_cache_works_again_when_redis_comes_back(
    open_cache: OpenCache, proxy: RedisProxy, raw: Redis, namespace: str
) -> None:
    cache = await open_cache(proxy.url, retry_after_s=0.05)
    await cache.set("movie:1", "before", 60)
    await proxy.cut()

    async def load() -> str:
        return "during"

    async def outage_noticed() -> bool:
        return await cache.get_or_load("movie:1", load, 60) == "during"

    await eventually(outage_noticed)

    await proxy.start()
    await raw.set(namespace + "movie:1", '"after"', px=60_000)
    await value_becomes(lambda: cache.get("movie:1"), "after")

    await cache.set("movie:2", "stored", 60)
    assert await raw.get(namespace + "movie:2") == b'"stored"'


async def test_no_stale_l1_entry_survives_an_outage(
    open_cache: OpenCache, proxy: RedisProxy, raw: Redis, namespace: str
) -> None:
    cut_off = await open_cache(proxy.url, retry_after_s=0.05)
    other = await open_cache()
    await proxy.cut()
    await proxy.start()

    async def stores_again() -> bool:
        await cut_off.set("movie:1", "old", 60)
        return await raw.get(namespace + "movie:1") == b'"old"'

    await eventually(stores_again)
    await other.invalidate_prefix("movie:")
    await raw.set(namespace + "movie:1", '"new"', px=60_000)

    await value_becomes(lambda: cut_off.get("movie:1"), "new")
