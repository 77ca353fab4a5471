"""Running one delivery of a job: the handler, then success, a later retry, or a dead letter."""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import attrs

from revenge_adapters.jobs.codec import UndecodableJob, decode_job, encode_job
from revenge_adapters.jobs.handlers import JobHandlers, PermanentFailure
from revenge_domain.clock import utc_now
from revenge_domain.jobs import Job, Queue, RetryLater

if TYPE_CHECKING:
    from revenge_adapters.jobs.ports import DeadLetterStore, JobRetries

log = logging.getLogger(__name__)

ERROR_TEXT_LIMIT = 2000


class Outcome(StrEnum):
    SUCCEEDED = "succeeded"
    RETRIED = "retried"
    DEAD = "dead"


@attrs.frozen
class Delivery:
    """One attempt at a job as it travels through a queue: the job's values plus bookkeeping."""

    id: str
    kind: str
    queue: Queue
    payload: dict[str, Any]
    attempt: int = 1

    @classmethod
    def of(cls, job: Job, job_id: str) -> Delivery:
        return cls(id=job_id, kind=job.kind, queue=job.queue, payload=encode_job(job))

    def next_attempt(self) -> Delivery:
        return attrs.evolve(self, attempt=self.attempt + 1)

    def as_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Delivery:
        return cls(
            id=str(data["id"]),
            kind=str(data["kind"]),
            queue=Queue(data["queue"]),
            payload=dict(data["payload"]),
            attempt=int(data["attempt"]),
        )


@attrs.frozen
class Backoff:
    """Exponential delay before a retry, with jitter so failed jobs do not retry in lockstep."""

    base_s: float
    max_s: float

    def delay_s(self, attempt: int, rand: Callable[[], float] = random.random) -> float:
        """Delay after failed attempt number `attempt` (1-based): between half and all of
        min(max, base * 2^(attempt-1))."""
        ceiling = min(self.max_s, self.base_s * 2.0 ** min(attempt - 1, 64))
        return ceiling / 2 + ceiling / 2 * rand()


@attrs.frozen
class DeadLetter:
    """A job that will not be tried again on its own."""

    id: str
    kind: str
    queue: str
    payload: dict[str, Any]
    attempts: int
    error: str
    failed_at: datetime

    def as_dict(self) -> dict[str, Any]:
        return {**attrs.asdict(self), "failed_at": self.failed_at.isoformat()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DeadLetter:
        return cls(
            id=str(data["id"]),
            kind=str(data["kind"]),
            queue=str(data["queue"]),
            payload=dict(data["payload"]),
            attempts=int(data["attempts"]),
            error=str(data["error"]),
            failed_at=datetime.fromisoformat(data["failed_at"]),
        )


@attrs.frozen
class JobRunner:
    """Runs a delivery through its handler; schedules the retry or writes the dead letter."""

    handlers: JobHandlers
    retries: JobRetries
    dead_letters: DeadLetterStore
    backoff: Backoff
    clock: Callable[[], datetime] = utc_now

    async def run(self, delivery: Delivery) -> Outcome:
        try:
            job = decode_job(delivery.kind, delivery.payload)
        except UndecodableJob as exc:
            return await self._bury(delivery, _describe(exc))
        handler = self.handlers.get(delivery.kind)
        if handler is None:
            return await self._bury(delivery, f"no handler for job kind {delivery.kind!r}")
        deadline = asyncio.timeout(job.timeout_s)
        try:
            async with deadline:
                await handler(job)
        except PermanentFailure as exc:
            return await self._bury(delivery, _describe(exc), exc)
        except Exception as exc:
            expired = isinstance(exc, TimeoutError) and deadline.expired()
            error = f"timed out after {job.timeout_s:g} s" if expired else _describe(exc)
            if delivery.attempt >= job.max_attempts:
                return await self._bury(delivery, error, exc)
            return await self._retry(delivery, error, exc)
        return Outcome.SUCCEEDED

    async def _retry(self, delivery: Delivery, error: str, exc: Exception) -> Outcome:
        delay = self.backoff.delay_s(delivery.attempt)
        if isinstance(exc, RetryLater):
            delay = exc.delay_s
        log.warning(
            "job failed, will retry",
            extra={
                "fields": {
                    "job_id": delivery.id,
                    "kind": delivery.kind,
                    "attempt": delivery.attempt,
                    "retry_in_s": round(delay, 3),
                    "error": error,
                }
            },
            exc_info=exc,
        )
        await self.retries.retry_later(delivery.next_attempt(), delay)
        return Outcome.RETRIED

    async def _bury(self, delivery: Delivery, error: str, exc: Exception | None = None) -> Outcome:
        log.error(
            "job failed for good, moved to dead letters",
            extra={
                "fields": {
                    "job_id": delivery.id,
                    "kind": delivery.kind,
                    "attempt": delivery.attempt,
                    "error": error,
                }
            },
            exc_info=exc,
        )
        await self.dead_letters.add(
            DeadLetter(
                id=delivery.id,
                kind=delivery.kind,
                queue=str(delivery.queue),
                payload=delivery.payload,
                attempts=delivery.attempt,
                error=error,
                failed_at=self.clock(),
            )
        )
        return Outcome.DEAD


def _describe(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return text[:ERROR_TEXT_LIMIT]
