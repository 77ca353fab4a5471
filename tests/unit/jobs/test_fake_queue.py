from __future__ import annotations

import asyncio
from typing import ClassVar

import attrs
import pytest

from revenge_adapters.jobs.handlers import JobHandlers, PermanentFailure
from revenge_adapters.jobs.runner import Backoff, Outcome
from revenge_domain.jobs import Job, Queue, RetryLater
from tests.unit.fakes.jobs import FakeJobQueue


@attrs.frozen
class Sync(Job):
    kind: ClassVar[str] = "test_fake_sync"
    queue: ClassVar[Queue] = Queue.HIGH
    max_attempts: ClassVar[int] = 3

    target: str


@attrs.frozen
class Slow(Job):
    kind: ClassVar[str] = "test_fake_slow"
    max_attempts: ClassVar[int] = 2
    timeout_s: ClassVar[float] = 0.01


@attrs.frozen
class Announce(Job):
    kind: ClassVar[str] = "test_fake_announce"
    unique_for_s: ClassVar[float | None] = 60.0

    text: str


@attrs.define
class SyncService:
    failures_left: int = 0
    permanent: bool = False
    synced: list[str] = attrs.Factory(list)

    async def __call__(self, job: Sync) -> None:
        if self.permanent:
            raise PermanentFailure("the remote says this item does not exist")
        if self.failures_left:
            self.failures_left -= 1
            raise ConnectionError("remote unavailable")
        self.synced.append(job.target)


def queue_for(service: SyncService) -> FakeJobQueue:
    handlers = JobHandlers()
    handlers.register(Sync, service)
    return FakeJobQueue(handlers, backoff=Backoff(base_s=1.0, max_s=10.0))


async def test_a_job_runs_inline_through_its_handler() -> None:
    service = SyncService()
    queue = queue_for(service)
    await queue.enqueue(Sync("radarr"))
    assert service.synced == ["radarr"]
    assert queue.outcomes == [("test_fake_sync", Outcome.SUCCEEDED)]


async def test_a_failing_job_is_retried_with_growing_delays_then_succeeds() -> None:
    service = SyncService(failures_left=2)
    queue = queue_for(service)
    await queue.enqueue(Sync("sonarr"))
    assert service.synced == ["sonarr"]
    assert [outcome for _, outcome in queue.outcomes] == [
        Outcome.RETRIED,
        Outcome.RETRIED,
        Outcome.SUCCEEDED,
    ]
    first, second = queue.retry_delays
    assert 0.5 <= first <= 1.0
    assert 1.0 <= second <= 2.0


async def test_a_job_failing_every_attempt_ends_in_dead_letters() -> None:
    service = SyncService(failures_left=99)
    queue = queue_for(service)
    job_id = await queue.enqueue(Sync("radarr"))
    assert len(queue.outcomes) == Sync.max_attempts
    letter = queue.dead_letters.letters[job_id]
    assert (letter.kind, letter.queue, letter.attempts) == ("test_fake_sync", "high", 3)
    assert letter.payload == {"target": "radarr"}
    assert letter.error == "ConnectionError: remote unavailable"


async def test_a_permanent_failure_is_not_retried() -> None:
    queue = queue_for(SyncService(permanent=True))
    job_id = await queue.enqueue(Sync("radarr"))
    assert queue.outcomes == [("test_fake_sync", Outcome.DEAD)]
    assert queue.dead_letters.letters[job_id].attempts == 1


async def test_a_job_running_past_its_timeout_fails() -> None:
    async def hang(job: Slow) -> None:
        await asyncio.sleep(10)

    handlers = JobHandlers()
    handlers.register(Slow, hang)
    queue = FakeJobQueue(handlers)
    job_id = await queue.enqueue(Slow())
    assert queue.dead_letters.letters[job_id].error == "timed out after 0.01 s"
    assert queue.dead_letters.letters[job_id].attempts == 2


async def test_a_kind_without_handler_goes_to_dead_letters() -> None:
    queue = FakeJobQueue(JobHandlers())
    job_id = await queue.enqueue(Sync("radarr"))
    assert "no handler" in queue.dead_letters.letters[job_id].error


async def test_a_job_enqueued_by_a_handler_runs_after_it() -> None:
    order: list[str] = []
    handlers = JobHandlers()
    queue = FakeJobQueue(handlers)

    async def announce(job: Announce) -> None:
        order.append(job.text)

    async def sync(job: Sync) -> None:
        await queue.enqueue(Announce(f"synced {job.target}"))
        order.append(f"sync {job.target}")

    handlers.register(Announce, announce)
    handlers.register(Sync, sync)
    await queue.enqueue(Sync("radarr"))
    assert order == ["sync radarr", "synced radarr"]


async def test_an_equal_job_within_its_uniqueness_window_is_enqueued_once() -> None:
    now = [0.0]
    queue = FakeJobQueue(clock=lambda: now[0])
    first = await queue.enqueue(Announce("hello"))
    assert await queue.enqueue(Announce("hello")) == first
    assert await queue.enqueue(Announce("bye")) != first
    now[0] = 61.0
    assert await queue.enqueue(Announce("hello")) != first
    assert len(queue.enqueued) == 3


async def test_without_handlers_jobs_are_only_recorded_with_their_delay() -> None:
    queue = FakeJobQueue()
    job_id = await queue.enqueue(Sync("radarr"), delay_s=30)
    assert queue.enqueued == [Sync("radarr")]
    assert queue.delays[job_id] == 30
    assert queue.outcomes == []


def test_a_kind_gets_one_handler_only() -> None:
    handlers = JobHandlers()
    handlers.register(Sync, SyncService())
    with pytest.raises(ValueError, match="already has a handler"):
        handlers.register(Sync, SyncService())


@attrs.define
class RateLimitedOnce:
    calls: int = 0

    async def __call__(self, job: Sync) -> None:
        self.calls += 1
        if self.calls == 1:
            raise RetryLater("the remote asks to wait", 42.0)


async def test_a_job_asked_to_wait_retries_after_the_given_delay_not_the_backoff() -> None:
    handlers = JobHandlers()
    handlers.register(Sync, RateLimitedOnce())
    queue = FakeJobQueue(handlers, backoff=Backoff(base_s=1.0, max_s=10.0))
    await queue.enqueue(Sync("tmdb"))
    assert queue.retry_delays == [42.0]
    assert [outcome for _, outcome in queue.outcomes] == [Outcome.RETRIED, Outcome.SUCCEEDED]
