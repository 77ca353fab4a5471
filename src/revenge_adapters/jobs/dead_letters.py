"""Dead letters: kept in Redis (a hash of letters by id and a sorted set of ids by failure time),
pruned when old, put back on their queue when retried."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import attrs
from redis.asyncio import Redis

from revenge_adapters.jobs.codec import UndecodableJob, decode_job
from revenge_adapters.jobs.keys import JobKeys
from revenge_adapters.jobs.runner import DeadLetter
from revenge_domain.clock import utc_now
from revenge_domain.errors import InvalidInput, NotFound

if TYPE_CHECKING:
    from revenge_adapters.jobs.ports import DeadLetterStore
    from revenge_domain.ports.jobs import JobQueue


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


@attrs.frozen
class PruneDeadLetters:
    """Delete dead letters that failed more than `older_than_days` days ago."""

    store: DeadLetterStore
    clock: Callable[[], datetime] = utc_now

    async def __call__(self, older_than_days: int) -> int:
        if older_than_days < 0:
            raise InvalidInput("older_than_days must not be negative")
        return await self.store.remove_older_than(self.clock() - timedelta(days=older_than_days))


@attrs.frozen
class RetryDeadLetters:
    """Enqueue a dead job again, as a new job starting from its first attempt."""

    store: DeadLetterStore
    queue: JobQueue

    async def one(self, letter_id: str) -> str:
        letter = await self.store.get(letter_id)
        if letter is None:
            raise NotFound(f"no dead letter with id {letter_id!r}")
        try:
            job = decode_job(letter.kind, letter.payload)
        except UndecodableJob as exc:
            raise InvalidInput(f"dead letter {letter_id} cannot be retried: {exc}") from exc
        job_id = await self.queue.enqueue(job)
        await self.store.remove(letter_id)
        return job_id

    async def all(self, limit: int = 10_000) -> list[str]:
        """Retry every dead letter (up to `limit`) that still decodes; returns the new job ids."""
        job_ids = []
        for letter in await self.store.list(limit):
            try:
                job_ids.append(await self.one(letter.id))
            except (InvalidInput, NotFound):
                continue  # left in place for a person to look at; or already retried
        return job_ids
