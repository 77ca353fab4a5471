from revenge_adapters.cache.local import LocalCache


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_each_entry_expires_after_its_own_ttl() -> None:
    clock = Clock()
    cache = LocalCache(10, clock)
    cache.set("short", "1", ttl_s=5)
    cache.set("long", "2", ttl_s=60)

    clock.now += 6

    assert cache.get("short") is None
    assert cache.get("long") == "2"


def test_an_entry_is_served_until_its_ttl_ends() -> None:
    clock = Clock()
    cache = LocalCache(10, clock)
    cache.set("key", '"value"', ttl_s=5)

    clock.now += 4.9

    assert cache.get("key") == '"value"'


def test_beyond_its_size_the_least_recently_used_entry_goes() -> None:
    cache = LocalCache(2, Clock())
    cache.set("a", "1", 60)
    cache.set("b", "2", 60)
    cache.get("a")

    cache.set("c", "3", 60)

    assert cache.get("b") is None
    assert (cache.get("a"), cache.get("c")) == ("1", "3")
    assert len(cache) == 2


def test_dropping_a_prefix_keeps_every_other_key() -> None:
    cache = LocalCache(10, Clock())
    for key in ("movie:1", "movie:1:cast", "movie:list:ab", "tvshow:1", "moviex"):
        cache.set(key, "1", 60)

    dropped = cache.drop_prefixes(["movie:"])

    assert dropped == 3
    assert sorted(cache.keys()) == ["moviex", "tvshow:1"]


def test_a_non_positive_ttl_removes_the_entry() -> None:
    cache = LocalCache(10, Clock())
    cache.set("key", "1", 60)

    cache.set("key", "2", 0)

    assert cache.get("key") is None
