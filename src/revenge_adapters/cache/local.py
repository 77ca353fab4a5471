"""The in-process level of the cache: encoded values with a TTL each and a bounded size."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

import attrs
from cachetools import TLRUCache


@attrs.frozen
class _Entry:
    text: str
    expires_at: float


def _expiry(key: str, entry: _Entry, now: float) -> float:
    return entry.expires_at


class LocalCache:
    """Beyond `max_size` entries the least recently used one goes; expired entries never show."""

    def __init__(self, max_size: int, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._entries: TLRUCache[str, _Entry] = TLRUCache(max_size, _expiry, clock)

    def get(self, key: str) -> str | None:
        entry = self._entries.get(key)
        return None if entry is None else entry.text

    def set(self, key: str, text: str, ttl_s: float) -> None:
        if ttl_s <= 0:
            self.pop(key)
            return
        self._entries[key] = _Entry(text, self._clock() + ttl_s)

    def pop(self, key: str) -> None:
        self._entries.pop(key, None)

    def drop_prefixes(self, prefixes: Iterable[str]) -> int:
        """Drop every key starting with any of `prefixes`; returns how many went."""
        starts = tuple(prefixes)
        doomed = [key for key in self._entries if key.startswith(starts)]
        for key in doomed:
            self.pop(key)
        return len(doomed)

    def clear(self) -> None:
        self._entries.clear()

    def keys(self) -> list[str]:
        return list(self._entries)

    def __len__(self) -> int:
        return len(self.keys())
