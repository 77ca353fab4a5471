"""In-memory job queue that runs jobs inline, with the real retry and dead-letter rules."""

from __future__ import annotations

import json
import time
from collections import deque
from collections.abc import Callable
from datetime import datetime

from revenge_adapters.jobs.codec import job_digest
from revenge_adapters.jobs.handlers import JobHandlers
from revenge_adapters.jobs.runner import Backoff, DeadLetter, Delivery, JobRunner, Outcome
from revenge_adapters.jobs.scheduler import SlotClaim
from revenge_domain.jobs import Job, JobQueueUnavailable

DEFAULT_BACKOFF = Backoff(base_s=1.0, max_s=60.0)


class FakeDeadLetterStore:
    def __init__(self) -> None:
        self.letters: dict[str, DeadLetter] = {}

    async def add(self, letter: DeadLetter) -> None:
        self.letters[letter.id] = letter

    async def get(self, letter_id: str) -> DeadLetter | None:
        return self.letters.get(letter_id)

    async def list(self, limit: int = 100) -> list[DeadLetter]:
        newest_first = sorted(self.letters.values(), key=lambda x: x.failed_at, reverse=True)
        return newest_first[:limit]

    async def remove(self, letter_id: str) -> bool:
        return self.letters.pop(letter_id, None) is not None

    async def remove_older_than(self, moment: datetime) -> int:
        old = [key for key, letter in self.letters.items() if letter.failed_at < moment]
        for key in old:
            del self.letters[key]
        return len(old)


class FakeJobQueue:
    """With `handlers`, each enqueued job runs at once (a job enqueued by a handler runs after
    the current one); a failure is retried at once, its backoff delay only recorded. Without
    handlers, jobs are only recorded. Payloads go through JSON, as in the real queue."""

    def __init__(
        self,
        handlers: JobHandlers | None = None,
        *,
        backoff: Backoff = DEFAULT_BACKOFF,
        dead_letters: FakeDeadLetterStore | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.enqueued: list[Job] = []
        self.delays: dict[str, float] = {}
        self.retry_delays: list[float] = []
        self.outcomes: list[tuple[str, Outcome]] = []
        self.dead_letters = dead_letters if dead_letters is not None else FakeDeadLetterStore()
        self._runner = (
            JobRunner(handlers, self, self.dead_letters, backoff) if handlers is not None else None
        )
        self._clock = clock
        self._backoff = backoff
        self._unique: dict[str, tuple[str, float]] = {}
        self._pending: deque[Delivery] = deque()
        self._running = False
        self.unreachable = False

    def run_with(self, handlers: JobHandlers) -> None:
        """From now on, run each enqueued job at once with `handlers`."""
        self._runner = JobRunner(handlers, self, self.dead_letters, self._backoff)

    async def enqueue(self, job: Job, *, delay_s: float = 0) -> str:
        if self.unreachable:
            raise JobQueueUnavailable("the job queue cannot be reached")
        earlier = self._earlier_equal(job)
        if earlier is not None:
            return earlier
        job_id = f"job-{len(self.enqueued) + 1}"
        self.enqueued.append(job)
        self.delays[job_id] = delay_s
        if job.unique_for_s is not None:
            self._unique[job_digest(job)] = (job_id, self._clock() + job.unique_for_s)
        await self._run(_through_json(Delivery.of(job, job_id)))
        return job_id

    async def retry_later(self, delivery: Delivery, delay_s: float) -> None:
        self.retry_delays.append(delay_s)
        self._pending.append(_through_json(delivery))

    def _earlier_equal(self, job: Job) -> str | None:
        if job.unique_for_s is None:
            return None
        held = self._unique.get(job_digest(job))
        return held[0] if held is not None and held[1] > self._clock() else None

    async def _run(self, delivery: Delivery) -> None:
        if self._runner is None:
            return
        self._pending.append(delivery)
        if self._running:
            return
        self._running = True
        try:
            while self._pending:
                current = self._pending.popleft()
                self.outcomes.append((current.kind, await self._runner.run(current)))
        finally:
            self._running = False


class FakePeriodicClaims:
    """Leases never run out by themselves: `expire` ends one."""

    def __init__(self) -> None:
        self.claimed: set[tuple[str, int]] = set()
        self.done_slots: set[tuple[str, int]] = set()

    async def claim(self, periodic_id: str, slot: int, lease_s: float) -> SlotClaim:
        if (periodic_id, slot) in self.done_slots:
            return SlotClaim.DONE
        if (periodic_id, slot) in self.claimed:
            return SlotClaim.BUSY
        self.claimed.add((periodic_id, slot))
        return SlotClaim.TAKEN

    async def done(self, periodic_id: str, slot: int, ttl_s: float) -> None:
        self.done_slots.add((periodic_id, slot))

    async def release(self, periodic_id: str, slot: int) -> None:
        self.claimed.discard((periodic_id, slot))

    def expire(self, periodic_id: str, slot: int) -> None:
        self.claimed.discard((periodic_id, slot))


def _through_json(delivery: Delivery) -> Delivery:
    return Delivery.from_dict(json.loads(json.dumps(delivery.as_dict())))
