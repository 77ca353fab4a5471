import uuid

from revenge_domain.ports.cache import key_hash, write_through
from tests.unit.fakes.cache import InMemoryCache


def test_a_key_hash_is_short_and_stable() -> None:
    first = key_hash("title", 20, 0)

    assert first == key_hash("title", 20, 0)
    assert len(first) == 16
    assert int(first, 16) >= 0


def test_a_key_hash_differs_when_any_part_differs() -> None:
    assert key_hash("title", 20, 0) != key_hash("title", 20, 20)
    assert key_hash("a", "bc") != key_hash("ab", "c")


def test_mapping_order_does_not_change_the_hash() -> None:
    assert key_hash({"sort": "title", "limit": 20}) == key_hash({"limit": 20, "sort": "title"})


def test_values_json_cannot_hold_are_hashed_by_their_text() -> None:
    movie_id = uuid.UUID("00000000-0000-0000-0000-000000000001")

    assert key_hash(movie_id) == key_hash(str(movie_id))


def test_the_hash_length_can_be_chosen() -> None:
    assert len(key_hash("q", length=8)) == 8


async def test_write_through_caches_what_the_write_returned() -> None:
    cache = InMemoryCache()
    saved: list[dict[str, object]] = []

    async def save() -> dict[str, object]:
        saved.append({"id": 1, "title": "Alien"})
        return saved[-1]

    result = await write_through(cache, "movie:1", save, ttl_s=60)

    assert result == {"id": 1, "title": "Alien"}
    assert len(saved) == 1
    assert await cache.get("movie:1") == {"id": 1, "title": "Alien"}
