"""Periodic slots claimed with SET NX: one scheduler wins each slot of each periodic job."""

from __future__ import annotations

from redis.asyncio import Redis

from revenge_adapters.jobs.keys import JobKeys


class RedisPeriodicClaims:
    def __init__(self, redis: Redis, keys: JobKeys) -> None:
        self._redis, self._keys = redis, keys

    async def claim(self, periodic_id: str, slot: int, ttl_s: float) -> bool:
        key = self._keys.periodic(periodic_id, slot)
        return bool(await self._redis.set(key, "1", nx=True, px=max(1, int(ttl_s * 1000))))

    async def release(self, periodic_id: str, slot: int) -> None:
        await self._redis.delete(self._keys.periodic(periodic_id, slot))
