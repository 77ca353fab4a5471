"""The cache adapter: L1 in this process, L2 in Redis, invalidations broadcast on the event bus.

L1 entries are trusted only while Redis answers: when it stops, L1 is emptied and left unused
(every instance would miss the others' invalidations), so the cache is bypassed until Redis is
back. A gap on the event bus (missed invalidations) empties L1 too.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Awaitable, Callable, Collection
from typing import Any, TypeVar, cast

import orjson
from redis.asyncio import Redis
from redis.exceptions import RedisError

from revenge_adapters.cache.client import glob_escape
from revenge_adapters.cache.local import LocalCache
from revenge_adapters.cache.outage import CircuitBreaker, ThrottledWarning
from revenge_adapters.cache.single_flight import SingleFlight
from revenge_adapters.metrics import CACHE_BYPASSED, CACHE_LOOKUPS
from revenge_domain.ports.cache import Loader
from revenge_domain.ports.events import Event, EventBus, Subscription

T = TypeVar("T")
R = TypeVar("R")

CACHE_CATEGORY = "cache"
KEY_DROPPED = "key_dropped"
PREFIX_DROPPED = "prefix_dropped"
UNLINK_BATCH = 500

log = logging.getLogger(__name__)


def _encode(value: object) -> str:
    # orjson: a cached catalogue page is large and read on most requests.
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()


def _common_start(texts: list[str]) -> str:
    """The longest text every one of `texts` starts with."""
    first, last = min(texts), max(texts)
    pairs = zip(first, last, strict=False)
    size = next((i for i, (a, b) in enumerate(pairs) if a != b), min(len(first), len(last)))
    return first[:size]


class TwoLevelCache:
    """Implements the `Cache` port. `name` labels metrics and namespaces keys and broadcasts."""

    def __init__(
        self,
        client: Redis,
        events: EventBus,
        *,
        name: str,
        key_prefix: str = "revenge:",
        l1_max_size: int = 10_000,
        l1_ttl_s: float = 300.0,
        retry_after_s: float = 1.0,
        warn_every_s: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.name = name
        self._client, self._events = client, events
        self._namespace = f"{key_prefix}cache:{name}:"
        self._l1 = LocalCache(l1_max_size, clock)
        self._l1_ttl_s = l1_ttl_s
        self._flights: SingleFlight[str] = SingleFlight()
        self._breaker = CircuitBreaker(retry_after_s, clock)
        self._warn = ThrottledWarning(log, warn_every_s, clock)
        self._instance = uuid.uuid4().hex
        self._changes = 0  # bumped by every invalidation: loads that overlap one are not stored
        self._subscription: Subscription | None = None
        self._listener: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Start listening to other instances' invalidations (start the event bus first)."""
        self._subscription = self._events.subscribe(CACHE_CATEGORY)
        self._listener = asyncio.create_task(
            self._listen(self._subscription), name=f"cache-{self.name}-invalidations"
        )

    async def close(self) -> None:
        if self._subscription is not None:
            await self._subscription.aclose()
        if self._listener is not None:
            await self._listener
        await self._flights.cancel()
        self._l1.clear()

    async def get(self, key: str) -> object | None:
        text = self._from_l1(key) or await self._from_l2(key)
        return None if text is None else orjson.loads(text)

    async def get_or_load(self, key: str, load: Loader[T], ttl_s: float) -> T:
        text = self._from_l1(key) or await self._flights.run(
            key, lambda: self._load(key, load, ttl_s)
        )
        return cast(T, orjson.loads(text))

    async def set(self, key: str, value: object, ttl_s: float) -> None:
        text = _encode(value)
        self._changes += 1
        if await self._store(key, text, ttl_s):
            await self._announce(KEY_DROPPED, key=key)

    async def delete(self, key: str) -> None:
        self._changes += 1
        self._l1.pop(key)
        if await self._l2("delete", lambda: self._client.unlink(self._namespace + key)) is not None:
            await self._announce(KEY_DROPPED, key=key)

    async def invalidate_prefix(self, prefix: str) -> None:
        await self.invalidate_prefixes((prefix,))

    async def invalidate_prefixes(self, prefixes: Collection[str]) -> None:
        wanted = sorted(set(prefixes))
        if not wanted:
            return
        self._changes += 1
        self._l1.drop_prefixes(wanted)
        if await self._l2("invalidate", lambda: self._unlink_prefixes(wanted)) is not None:
            await self._announce(PREFIX_DROPPED, prefixes=wanted)

    def _from_l1(self, key: str) -> str | None:
        if self._breaker.is_open:
            return None
        text = self._l1.get(key)
        CACHE_LOOKUPS.labels(self.name, "l1", "miss" if text is None else "hit").inc()
        return text

    async def _from_l2(self, key: str) -> str | None:
        changes = self._changes
        found = await self._l2("get", lambda: self._get_with_ttl(self._namespace + key))
        raw, ttl_ms = found if found is not None else (None, -2)
        if found is not None:
            CACHE_LOOKUPS.labels(self.name, "l2", "miss" if raw is None else "hit").inc()
        if raw is None:
            return None
        text = raw.decode()
        if ttl_ms != -2 and changes == self._changes:
            l1_ttl_s = self._l1_ttl_s if ttl_ms < 0 else min(ttl_ms / 1000, self._l1_ttl_s)
            self._l1.set(key, text, l1_ttl_s)
        return text

    async def _load(self, key: str, load: Loader[T], ttl_s: float) -> str:
        text = await self._from_l2(key)
        if text is not None:
            return text
        changes = self._changes
        text = _encode(await load())
        if changes == self._changes:
            await self._store(key, text, ttl_s)
        return text

    async def _store(self, key: str, text: str, ttl_s: float) -> bool:
        ttl_ms = max(1, round(ttl_s * 1000))
        stored = await self._l2(
            "set", lambda: self._client.set(self._namespace + key, text, px=ttl_ms)
        )
        if stored is None:
            self._l1.pop(key)
            return False
        self._l1.set(key, text, min(ttl_s, self._l1_ttl_s))
        return True

    async def _get_with_ttl(self, full_key: str) -> tuple[bytes | None, int]:
        async with self._client.pipeline(transaction=False) as pipe:
            pipe.get(full_key)
            pipe.pttl(full_key)
            raw, ttl_ms = await pipe.execute()
        return cast(bytes | None, raw), int(ttl_ms)

    async def _unlink_prefixes(self, prefixes: list[str]) -> int:
        """One SCAN of the keys under the prefixes' common start, each kept when it starts with
        one of them (a SCAN walks the whole keyspace whatever its MATCH)."""
        starts = tuple((self._namespace + prefix).encode() for prefix in prefixes)
        pattern = glob_escape(self._namespace + _common_start(prefixes)) + "*"
        batch: list[bytes] = []
        unlinked = 0
        async for full_key in self._client.scan_iter(match=pattern, count=1000):
            if not full_key.startswith(starts):
                continue
            batch.append(full_key)
            if len(batch) >= UNLINK_BATCH:
                unlinked += await self._client.unlink(*batch)
                batch.clear()
        if batch:
            unlinked += await self._client.unlink(*batch)
        return unlinked

    async def _l2(self, operation: str, call: Callable[[], Awaitable[R]]) -> R | None:
        """`call()`'s result, or None when Redis is unavailable (the cache is then bypassed)."""
        if not self._breaker.allows():
            CACHE_BYPASSED.labels(operation).inc()
            return None
        try:
            result = await call()
        except (RedisError, OSError) as exc:
            self._l2_failed(operation, exc)
            return None
        if self._breaker.succeeded():
            log.info("cache reachable again", extra={"fields": {"cache": self.name}})
        return result

    def _l2_failed(self, operation: str, exc: BaseException) -> None:
        CACHE_BYPASSED.labels(operation).inc()
        if self._breaker.failed():
            self._changes += 1
            self._l1.clear()
        self._warn(f"cache {self.name}: Redis unavailable, bypassing the cache", exc)

    async def _announce(self, kind: str, **target: object) -> None:
        data: dict[str, Any] = {"cache": self.name, "origin": self._instance, **target}
        await self._events.publish(Event(CACHE_CATEGORY, kind, data))

    async def _listen(self, subscription: Subscription) -> None:
        async for event in subscription:
            try:
                self._apply(event)
            except Exception:  # a bad message must not stop invalidations
                self._l1.clear()
                log.exception("cache %s: could not apply an invalidation", self.name)

    def _apply(self, event: Event) -> None:
        if event.is_gap:
            self._changes += 1
            self._l1.clear()
            return
        data = event.data
        if data.get("cache") != self.name or data.get("origin") == self._instance:
            return
        self._changes += 1
        if event.type == PREFIX_DROPPED:
            self._l1.drop_prefixes(str(prefix) for prefix in data["prefixes"])
        elif event.type == KEY_DROPPED:
            self._l1.pop(str(data.get("key", "")))
