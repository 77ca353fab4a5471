from tests.unit.fakes.cache import InMemoryCache


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


async def test_get_or_load_loads_once_then_serves_the_cached_value() -> None:
    cache = InMemoryCache()

    async def load() -> list[int]:
        return [1, 2]

    assert await cache.get_or_load("k", load, 60) == [1, 2]
    assert await cache.get_or_load("k", load, 60) == [1, 2]
    assert cache.loads == 1


async def test_a_loaded_none_is_cached_as_a_known_absence() -> None:
    cache = InMemoryCache()

    async def load() -> None:
        return None

    await cache.get_or_load("movie:404", load, 60)
    await cache.get_or_load("movie:404", load, 60)

    assert cache.loads == 1


async def test_values_expire_and_prefixes_invalidate() -> None:
    clock = Clock()
    cache = InMemoryCache(clock)
    await cache.set("movie:1", {"id": 1}, 10)
    await cache.set("movie:2", {"id": 2}, 100)
    await cache.set("tvshow:1", {"id": 1}, 100)

    clock.now += 11
    assert await cache.get("movie:1") is None

    await cache.invalidate_prefix("movie:")
    assert cache.keys() == ["tvshow:1"]

    await cache.delete("tvshow:1")
    assert cache.keys() == []
