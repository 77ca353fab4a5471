"""Periodic slots in Redis: a slot is leased with SET NX, then kept as done once its job is
enqueued; one scheduler wins each slot of each periodic job."""

from __future__ import annotations

from typing import Any

from redis.asyncio import Redis

from revenge_adapters.jobs.keys import JobKeys
from revenge_adapters.jobs.scheduler import SlotClaim

LEASED = "lease"
# Takes the slot for the lease, or answers what holds it ('lease', 'done', or nothing when it
# ran out in between: asked again on the next tick).
_CLAIM = """
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
    return 'taken'
end
return redis.call('GET', KEYS[1])
"""


class RedisPeriodicClaims:
    def __init__(self, redis: Redis, keys: JobKeys) -> None:
        self._redis, self._keys = redis, keys
        self._claim: Any = redis.register_script(_CLAIM)

    async def claim(self, periodic_id: str, slot: int, lease_s: float) -> SlotClaim:
        key = self._keys.periodic(periodic_id, slot)
        held = await self._claim(keys=[key], args=[LEASED, _ms(lease_s)])
        held = held.decode() if isinstance(held, bytes) else held
        if held == "taken":
            return SlotClaim.TAKEN
        return SlotClaim.BUSY if held in (LEASED, None) else SlotClaim.DONE

    async def done(self, periodic_id: str, slot: int, ttl_s: float) -> None:
        await self._redis.set(self._keys.periodic(periodic_id, slot), "done", px=_ms(ttl_s))

    async def release(self, periodic_id: str, slot: int) -> None:
        await self._redis.delete(self._keys.periodic(periodic_id, slot))


def _ms(seconds: float) -> int:
    return max(1, int(seconds * 1000))
