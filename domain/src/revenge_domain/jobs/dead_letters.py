"""Use cases over dead letters: prune old ones, put failed jobs back on their queue."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, ClassVar

import attrs

from revenge_domain.errors import InvalidInput, NotFound
from revenge_domain.jobs.codec import UndecodableJob, decode_job
from revenge_domain.jobs.handling import utc_now
from revenge_domain.jobs.model import Job, Queue

if TYPE_CHECKING:
    from revenge_domain.ports.jobs import DeadLetterStore, JobQueue


@attrs.frozen
class DeadLetterPrune(Job):
    kind: ClassVar[str] = "dead_letter_prune"
    queue: ClassVar[Queue] = Queue.LOW
    max_attempts: ClassVar[int] = 3
    timeout_s: ClassVar[float] = 120.0

    older_than_days: int = 30


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
