from functools import partial

from redis.asyncio import Redis

from tests.integration.cache.conftest import OpenCache
from tests.integration.cache.helpers import value_becomes


async def commandstats(raw: Redis, command: str) -> int:
    stats = await raw.info("commandstats")
    return int(stats.get(f"cmdstat_{command}", {}).get("calls", 0))


async def remaining_keys(raw: Redis, namespace: str) -> list[str]:
    keys = [key.decode() async for key in raw.scan_iter(match=f"{namespace}*", count=1000)]
    return sorted(key.removeprefix(namespace) for key in keys)


async def test_prefix_invalidation_removes_exactly_the_prefix_with_scan(
    open_cache: OpenCache, raw: Redis, namespace: str
) -> None:
    cache = await open_cache()
    async with raw.pipeline(transaction=False) as pipe:
        for n in range(2000):
            pipe.set(f"{namespace}movie:{n}", "1", px=60_000)
        for other in ("movie", "moviex:1", "tvshow:1", "movie*:1"):
            pipe.set(namespace + other, "1", px=60_000)
        await pipe.execute()
    scans, keys_calls = await commandstats(raw, "scan"), await commandstats(raw, "keys")

    await cache.invalidate_prefix("movie:")

    assert await remaining_keys(raw, namespace) == ["movie", "movie*:1", "moviex:1", "tvshow:1"]
    assert await commandstats(raw, "scan") > scans + 1
    assert await commandstats(raw, "keys") == keys_calls


async def test_glob_characters_in_a_prefix_are_taken_literally(
    open_cache: OpenCache, raw: Redis, namespace: str
) -> None:
    cache = await open_cache()
    for key in ("movie*:1", "movie:1", "movie?:1"):
        await cache.set(key, 1, 60)

    await cache.invalidate_prefix("movie*")

    assert await remaining_keys(raw, namespace) == ["movie:1", "movie?:1"]


async def test_a_prefix_invalidated_on_one_instance_leaves_only_that_prefix_in_another_l1(
    open_cache: OpenCache, raw: Redis, namespace: str
) -> None:
    a, b = await open_cache(), await open_cache()
    for key in ("movie:1", "movie:1:cast", "tvshow:1"):
        await b.set(key, "old", 60)
        assert await b.get(key) == "old"  # now in B's L1

    await a.invalidate_prefix("movie:1")
    # New values straight into Redis, with no broadcast: B sees them only once its L1 let go.
    for key in ("movie:1", "movie:1:cast", "tvshow:1"):
        await raw.set(namespace + key, '"new"', px=60_000)

    await value_becomes(lambda: b.get("movie:1"), "new")
    await value_becomes(lambda: b.get("movie:1:cast"), "new")
    assert await b.get("tvshow:1") == "old"


async def test_a_key_deleted_on_one_instance_leaves_the_l1_of_another(
    open_cache: OpenCache, raw: Redis, namespace: str
) -> None:
    a, b = await open_cache(), await open_cache()
    await b.set("movie:1", "old", 60)
    await b.set("movie:2", "old", 60)

    await a.delete("movie:1")
    await raw.set(namespace + "movie:1", '"new"', px=60_000)
    await raw.set(namespace + "movie:2", '"new"', px=60_000)

    await value_becomes(lambda: b.get("movie:1"), "new")
    assert await b.get("movie:2") == "old"


async def test_a_write_through_replaces_the_value_on_every_instance(open_cache: OpenCache) -> None:
    a, b = await open_cache(), await open_cache()
    await b.set("movie:1", {"title": "Alien"}, 60)

    await a.set("movie:1", {"title": "Aliens"}, 60)

    await value_becomes(lambda: b.get("movie:1"), {"title": "Aliens"})
    assert await a.get("movie:1") == {"title": "Aliens"}


async def test_an_instance_drops_its_own_l1_entries_at_once(
    open_cache: OpenCache, raw: Redis, namespace: str
) -> None:
    cache = await open_cache()
    await cache.set("movie:1", "old", 60)

    await cache.invalidate_prefix("movie:")
    await raw.set(namespace + "movie:1", '"new"', px=60_000)

    assert await cache.get("movie:1") == "new"


async def test_caches_of_other_names_are_untouched(
    open_cache: OpenCache, raw: Redis, key_prefix: str
) -> None:
    catalog = await open_cache()
    auth = await open_cache(name="auth")
    await catalog.set("movie:1", 1, 60)
    await auth.set("movie:1", 2, 60)

    await catalog.invalidate_prefix("")

    assert await auth.get("movie:1") == 2
    assert await raw.exists(f"{key_prefix}cache:auth:movie:1") == 1


DROPPED = ("movie:1", "movie:1:cast", "movie:list:ab", "tvshow:list:cd")
KEPT = ("movie:", "movie:2", "movie:lis", "movie:listx", "tvshow:1", "moviex:1")


async def test_prefixes_invalidated_together_remove_exactly_their_keys_everywhere(
    open_cache: OpenCache, raw: Redis, namespace: str
) -> None:
    a, b = await open_cache(), await open_cache()
    for key in (*DROPPED, *KEPT):
        await raw.set(namespace + key, '"old"', px=60_000)
        assert await a.get(key) == await b.get(key) == "old"  # now in both L1s

    await a.invalidate_prefixes(["movie:1", "movie:list:", "tvshow:list:"])

    assert await remaining_keys(raw, namespace) == sorted(KEPT)
    # New values straight into Redis, with no broadcast: an L1 shows them once it let go.
    for key in (*DROPPED, *KEPT):
        await raw.set(namespace + key, '"new"', px=60_000)
    for key in DROPPED:
        assert await a.get(key) == "new"
        await value_becomes(partial(b.get, key), "new")
    for key in KEPT:
        assert await a.get(key) == await b.get(key) == "old"


async def test_no_prefixes_invalidate_nothing(
    open_cache: OpenCache, raw: Redis, namespace: str
) -> None:
    cache = await open_cache()
    await cache.set("movie:1", 1, 60)

    await cache.invalidate_prefixes([])

    assert await remaining_keys(raw, namespace) == ["movie:1"]
