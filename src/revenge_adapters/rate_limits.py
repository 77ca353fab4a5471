"""Request rate limits counted in Redis, so that every server instance shares them.

Counting is the `limits` library's moving window over its async Redis storage (on the app's own
connection pool). A Redis that cannot be reached lets requests through: rate limits slow abuse
down, they must never take sign-in down with the cache.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Sequence

import redis.asyncio as aioredis
from limits import RateLimitItem
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.errors import StorageError

log = logging.getLogger(__name__)
OUTAGE_LOG_EVERY_S = 60.0


class RateLimits:
    """`wait(key, limits)` counts one request for `key` against each limit and answers how many
    seconds to wait before trying again (0: the request may go on)."""

    def __init__(self, storage: Storage) -> None:
        self._limiter = MovingWindowRateLimiter(storage)
        self._outage_logged_at = -math.inf

    async def wait(self, key: str, limits: Sequence[RateLimitItem]) -> int:
        try:
            return await self._wait(key, limits)
        except (StorageError, aioredis.RedisError, OSError) as exc:
            self._log_outage(exc)
            return 0

    async def _wait(self, key: str, limits: Sequence[RateLimitItem]) -> int:
        waits = []
        for item in limits:
            if not await self._limiter.hit(item, key):
                stats = await self._limiter.get_window_stats(item, key)
                waits.append(max(1, math.ceil(stats.reset_time - time.time())))
        return max(waits, default=0)

    def _log_outage(self, exc: Exception) -> None:
        now = time.monotonic()
        if now - self._outage_logged_at >= OUTAGE_LOG_EVERY_S:
            self._outage_logged_at = now
            log.warning("rate limits are not counted, Redis cannot be reached: %s", exc)


def redis_rate_limits(redis: aioredis.Redis, key_prefix: str) -> RateLimits:
    """Limits counted in the Redis behind `redis` (its connection pool), under `key_prefix`."""
    storage = RedisStorage(
        "async+redis://",
        wrap_exceptions=True,
        implementation="redispy",
        key_prefix=f"{key_prefix}rate",
        connection_pool=redis.connection_pool,  # type: ignore[arg-type]
    )
    return RateLimits(storage)


def memory_rate_limits() -> RateLimits:
    """Limits counted in this process alone (tests, a single instance without Redis)."""
    return RateLimits(MemoryStorage())
