"""Dead letters in Redis: a hash of letters by id and a sorted set of ids by failure time."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from redis.asyncio import Redis

from revenge_adapters.jobs.keys import JobKeys
from revenge_domain.jobs import DeadLetter


class RedisDeadLetterStore:
    def __init__(self, redis: Redis, keys: JobKeys) -> None:
        self._redis, self._keys = redis, keys

    async def add(self, letter: DeadLetter) -> None:
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.hset(self._keys.dead, letter.id, json.dumps(letter.as_dict()))
            pipe.zadd(self._keys.dead_by_time, {letter.id: letter.failed_at.timestamp()})
            await pipe.execute()

    async def get(self, letter_id: str) -> DeadLetter | None:
        raw = await self._redis.hget(self._keys.dead, letter_id)
        return _letter(raw) if raw else None

    async def list(self, limit: int = 100) -> list[DeadLetter]:
        ids: Any = await self._redis.zrevrange(self._keys.dead_by_time, 0, limit - 1)
        if not ids:
            return []
        raws = await self._redis.hmget(self._keys.dead, ids)
        return [_letter(raw) for raw in raws if raw]

    async def remove(self, letter_id: str) -> bool:
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.hdel(self._keys.dead, letter_id)
            pipe.zrem(self._keys.dead_by_time, letter_id)
            removed, _ = await pipe.execute()
        return bool(removed)

    async def remove_older_than(self, moment: datetime) -> int:
        ids: Any = await self._redis.zrangebyscore(
            self._keys.dead_by_time, "-inf", f"({moment.timestamp()}"
        )
        if not ids:
            return 0
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.hdel(self._keys.dead, *ids)
            pipe.zrem(self._keys.dead_by_time, *ids)
            removed, _ = await pipe.execute()
        return int(removed)


def _letter(raw: Any) -> DeadLetter:
    return DeadLetter.from_dict(json.loads(raw))
