"""An in-memory cache: the `Cache` port in one process, with real TTLs on an injectable clock."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Collection
from typing import TypeVar, cast

from revenge_adapters.cache.local import LocalCache
from revenge_domain.ports.cache import Loader

T = TypeVar("T")


class InMemoryCache:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._entries = LocalCache(100_000, clock)
        self.loads = 0

    async def get(self, key: str) -> object | None:
        text = self._entries.get(key)
        return None if text is None else json.loads(text)

    async def set(self, key: str, value: object, ttl_s: float) -> None:
        self._entries.set(key, json.dumps(value), ttl_s)

    async def delete(self, key: str) -> None:
        self._entries.pop(key)

    async def invalidate_prefix(self, prefix: str) -> None:
        await self.invalidate_prefixes((prefix,))

    async def invalidate_prefixes(self, prefixes: Collection[str]) -> None:
        self._entries.drop_prefixes(prefixes)

    async def get_or_load(self, key: str, load: Loader[T], ttl_s: float) -> T:
        text = self._entries.get(key)
        if text is None:
            self.loads += 1
            text = json.dumps(await load())
            self._entries.set(key, text, ttl_s)
        return cast(T, json.loads(text))

    def keys(self) -> list[str]:
        return sorted(self._entries.keys())
