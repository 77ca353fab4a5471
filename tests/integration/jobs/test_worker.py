from __future__ import annotations

import asyncio
import time
from typing import ClassVar

import attrs
import pytest
import redis.asyncio as aioredis

from revenge_adapters.jobs.dead_letters import RetryDeadLetters
from revenge_adapters.jobs.handlers import JobHandlers, PermanentFailure
from revenge_adapters.metrics import REGISTRY
from revenge_app.jobs.runtime import job_platform
from revenge_domain.jobs import Job, JobQueueUnavailable, Queue
from tests.integration.jobs.support import (
    dead_letter,
    eventually,
    eventually_equal,
    fast_config,
    running_worker,
)


@attrs.frozen
class Note(Job):
    kind: ClassVar[str] = "test_jobs_note"

    text: str


@attrs.frozen
class Flaky(Job):
    kind: ClassVar[str] = "test_jobs_flaky"
    queue: ClassVar[Queue] = Queue.HIGH
    max_attempts: ClassVar[int] = 3

    name: str


@attrs.frozen
class Greeting(Job):
    kind: ClassVar[str] = "test_jobs_greeting"
    unique_for_s: ClassVar[float | None] = 60.0

    to: str


def recording(*job_types: type[Job]) -> tuple[JobHandlers, list[Job]]:
    seen: list[Job] = []
    handlers = JobHandlers()

    async def record(job: Job) -> None:
        seen.append(job)

    for job_type in job_types:
        handlers.register(job_type, record)
    return handlers, seen


async def test_an_enqueued_job_is_run_by_the_worker(redis_url: str, key_prefix: str) -> None:
    config = fast_config(key_prefix)
    handlers, seen = recording(Note)
    async with job_platform(config, redis_url) as jobs, running_worker(config, redis_url, handlers):
        await jobs.queue.enqueue(Note("hello"))
        await eventually(lambda: seen == [Note("hello")])
    labels = {"kind": "test_jobs_note", "queue": "default"}
    assert jobs_counted(**labels, outcome="enqueued") >= 1
    assert jobs_counted(**labels, outcome="succeeded") >= 1


def jobs_counted(**labels: str) -> float:
    return REGISTRY.get_sample_value("revenge_jobs_total", labels) or 0.0


async def test_a_delayed_job_waits_its_turn(redis_url: str, key_prefix: str) -> None:
    config = fast_config(key_prefix)
    handlers, seen = recording(Note)
    async with job_platform(config, redis_url) as jobs, running_worker(config, redis_url, handlers):
        enqueued = time.monotonic()
        await jobs.queue.enqueue(Note("later"), delay_s=0.4)
        await eventually(lambda: seen == [Note("later")])
        assert time.monotonic() - enqueued >= 0.4


async def test_an_equal_job_in_its_uniqueness_window_is_enqueued_once(
    redis_url: str, key_prefix: str
) -> None:
    config = fast_config(key_prefix)
    handlers, seen = recording(Greeting)
    async with job_platform(config, redis_url) as jobs:
        first = await jobs.queue.enqueue(Greeting("ann"))
        assert await jobs.queue.enqueue(Greeting("ann")) == first
        assert await jobs.queue.enqueue(Greeting("bob")) != first
        async with running_worker(config, redis_url, handlers):
            await eventually(lambda: len(seen) == 2)
            await asyncio.sleep(0.2)
    assert sorted(job.to for job in seen if isinstance(job, Greeting)) == ["ann", "bob"]


async def test_a_failing_job_is_retried_with_backoff_then_dead_and_retry_runs_it_again(
    redis_url: str, key_prefix: str
) -> None:
    config = fast_config(key_prefix, **{"jobs.backoff_base_s": 0.1})
    attempts: list[float] = []
    succeeded: list[str] = []
    broken = True

    async def sync(job: Flaky) -> None:
        attempts.append(time.monotonic())
        if broken:
            raise ConnectionError("remote down")
        succeeded.append(job.name)

    handlers = JobHandlers()
    handlers.register(Flaky, sync)
    async with job_platform(config, redis_url) as jobs, running_worker(config, redis_url, handlers):
        job_id = await jobs.queue.enqueue(Flaky("radarr"))
        await eventually(lambda: len(attempts) == 3)
        letter = await dead_letter(jobs.dead_letters, job_id)
        assert (letter.kind, letter.queue, letter.attempts) == ("test_jobs_flaky", "high", 3)
        assert letter.error == "ConnectionError: remote down"
        first_gap, second_gap = attempts[1] - attempts[0], attempts[2] - attempts[1]
        # Backoff base 0.1 s: at least half of 0.1 s, then at least half of 0.2 s.
        assert first_gap >= 0.05
        assert second_gap >= 0.1

        broken = False
        await RetryDeadLetters(jobs.dead_letters, jobs.queue).one(job_id)
        await eventually(lambda: succeeded == ["radarr"])
        assert await jobs.dead_letters.get(job_id) is None


async def test_a_permanent_failure_goes_straight_to_dead_letters(
    redis_url: str, key_prefix: str
) -> None:
    config = fast_config(key_prefix)
    calls: list[Flaky] = []

    async def refuse(job: Flaky) -> None:
        calls.append(job)
        raise PermanentFailure("no such movie")

    handlers = JobHandlers()
    handlers.register(Flaky, refuse)
    async with job_platform(config, redis_url) as jobs, running_worker(config, redis_url, handlers):
        job_id = await jobs.queue.enqueue(Flaky("x"))
        letter = await dead_letter(jobs.dead_letters, job_id)
    assert letter.attempts == 1
    assert len(calls) == 1


async def test_finished_jobs_leave_nothing_behind_in_redis(redis_url: str, key_prefix: str) -> None:
    config = fast_config(key_prefix)
    handlers, seen = recording(Note)
    async with job_platform(config, redis_url) as jobs, running_worker(config, redis_url, handlers):
        for n in range(5):
            await jobs.queue.enqueue(Note(str(n)))
        await eventually(lambda: len(seen) == 5)
        client = aioredis.from_url(redis_url)
        stream = f"{key_prefix}jobs:default"
        await eventually_equal(lambda: _pending_and_length(client, stream), (0, 0))
        await client.aclose()


async def _pending_and_length(client: aioredis.Redis, stream: str) -> tuple[int, int]:
    pending = await client.xpending(stream, "workers")
    return int(pending["pending"]), int(await client.xlen(stream))


async def test_the_worker_recovers_when_its_queue_is_wiped(redis_url: str, key_prefix: str) -> None:
    config = fast_config(key_prefix)
    handlers, seen = recording(Note)
    client = aioredis.from_url(redis_url)
    async with job_platform(config, redis_url) as jobs, running_worker(config, redis_url, handlers):
        await jobs.queue.enqueue(Note("before"))
        await eventually(lambda: len(seen) == 1)
        await client.delete(f"{key_prefix}jobs:default")  # as after a Redis flush
        await jobs.queue.enqueue(Note("after"))
        await eventually(lambda: len(seen) == 2)
    await client.aclose()


async def test_a_unique_job_that_could_not_be_queued_leaves_no_claim_behind(
    redis_url: str, key_prefix: str
) -> None:
    config = fast_config(key_prefix)
    handlers, seen = recording(Greeting)
    stream = f"{key_prefix}jobs:{Greeting.queue}"
    client = aioredis.from_url(redis_url)
    try:
        await client.set(stream, "not a stream")  # the message cannot be written
        async with job_platform(config, redis_url) as jobs:
            with pytest.raises(JobQueueUnavailable):
                await jobs.queue.enqueue(Greeting("cy"))
            await client.delete(stream)
            # No claim was left: the equal job goes on the queue now, not after the window.
            await jobs.queue.enqueue(Greeting("cy"))
            async with running_worker(config, redis_url, handlers):
                await eventually(lambda: len(seen) == 1)
    finally:
        await client.aclose()
