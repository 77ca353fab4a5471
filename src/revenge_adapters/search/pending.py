"""The `PendingChanges` port on Redis: a pending set and a working set per entity."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from typing import Any

from redis.asyncio import Redis

from revenge_domain.ports.catalog_changes import Entity

# Moves every pending member into the working set in one step (members of a failed run stay
# there), then hands out the working set.
_TAKE = """
if redis.call('EXISTS', KEYS[1]) == 1 then
    redis.call('SUNIONSTORE', KEYS[2], KEYS[2], KEYS[1])
    redis.call('DEL', KEYS[1])
end
return redis.call('SMEMBERS', KEYS[2])
"""


# Deletes the claim only when it is still the caller's (it may have expired and been retaken).
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
    return redis.call('DEL', KEYS[1])
end
return 0
"""


class RedisPendingChanges:
    def __init__(self, redis: Redis, key_prefix: str) -> None:
        self._redis = redis
        self._prefix = f"{key_prefix}search:"
        self._take: Any = redis.register_script(_TAKE)
        self._release: Any = redis.register_script(_RELEASE)
        self._token = uuid.uuid4().hex

    def _keys(self, entity: Entity) -> tuple[str, str]:
        return f"{self._prefix}pending:{entity.value}", f"{self._prefix}working:{entity.value}"

    async def add(self, entity: Entity, members: Collection[str]) -> None:
        if members:
            await self._redis.sadd(self._keys(entity)[0], *members)

    async def take(self, entity: Entity) -> list[str]:
        members = await self._take(keys=list(self._keys(entity)))
        return sorted(m.decode() if isinstance(m, bytes) else str(m) for m in members)

    async def done(self, entity: Entity, members: Collection[str]) -> None:
        if members:
            await self._redis.srem(self._keys(entity)[1], *members)

    async def claim(self, entity: Entity, ttl_s: float) -> bool:
        key = f"{self._prefix}claim:{entity.value}"
        return bool(await self._redis.set(key, self._token, nx=True, px=int(ttl_s * 1000)))

    async def release(self, entity: Entity) -> None:
        await self._release(keys=[f"{self._prefix}claim:{entity.value}"], args=[self._token])

    async def waiting(self, entity: Entity) -> int:
        pending, working = self._keys(entity)
        return int(await self._redis.scard(pending)) + int(await self._redis.scard(working))
