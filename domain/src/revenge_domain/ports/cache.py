"""The cache port: a key/value cache with TTLs, read-through, write-through and prefix invalidation.

Values are JSON-shaped (dict with str keys, list, str, int, float, bool, None) and come back as
JSON would give them back (lists, never tuples), whether they were cached or freshly loaded.
A cache never raises because its backing store is down: it behaves as if empty instead.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Awaitable, Callable, Collection
from typing import Protocol, TypeVar

T = TypeVar("T")

Loader = Callable[[], Awaitable[T]]


class Cache(Protocol):
    """A shared cache of JSON-shaped values; every write is seen by every server instance."""

    async def get(self, key: str) -> object | None:
        """The cached value, or None on a miss (or when the cache is unavailable)."""
        ...

    async def set(self, key: str, value: object, ttl_s: float) -> None:
        """Store `value` for `ttl_s` seconds; other instances drop their local copy of `key`."""
        ...

    async def delete(self, key: str) -> None:
        """Drop `key` on every instance."""
        ...

    async def invalidate_prefix(self, prefix: str) -> None:
        """Drop every key starting with `prefix`, on every instance (other keys stay)."""
        ...

    async def invalidate_prefixes(self, prefixes: Collection[str]) -> None:
        """Drop every key starting with any of `prefixes`, on every instance, in one pass
        (`invalidate_prefix` is this with one prefix)."""
        ...

    async def get_or_load(self, key: str, load: Loader[T], ttl_s: float) -> T:
        """Read-through: the cached value, or `load()`'s result, stored for `ttl_s` seconds.

        Concurrent misses of one key in one process call `load` once. A `None` result is cached
        too (a known absence); an exception from `load` is raised and nothing is stored.
        """
        ...


async def write_through(cache: Cache, key: str, save: Loader[T], ttl_s: float) -> T:
    """Write-through: run `save()` (the real write), then cache and return what it returned."""
    value = await save()
    await cache.set(key, value, ttl_s)
    return value


def key_hash(*parts: object, length: int = 16) -> str:
    """A short, stable hex digest of `parts` (e.g. query parameters) to use inside a cache key.

    Mappings hash the same whatever their order; values JSON cannot hold (UUID, datetime) are
    hashed by their text.
    """
    text = json.dumps(parts, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:length]
