from __future__ import annotations

import asyncio
from typing import ClassVar

import attrs

from revenge_adapters.jobs.handlers import JobHandlers
from revenge_app.jobs.runtime import job_platform
from revenge_domain.jobs import Job, Queue
from tests.integration.jobs.support import eventually, fast_config, running_worker


@attrs.frozen
class Urgent(Job):
    kind: ClassVar[str] = "test_queues_critical"
    queue: ClassVar[Queue] = Queue.CRITICAL


@attrs.frozen
class Soon(Job):
    kind: ClassVar[str] = "test_queues_high"
    queue: ClassVar[Queue] = Queue.HIGH


@attrs.frozen
class Normal(Job):
    kind: ClassVar[str] = "test_queues_default"
    queue: ClassVar[Queue] = Queue.DEFAULT


@attrs.frozen
class Chore(Job):
    kind: ClassVar[str] = "test_queues_low"
    queue: ClassVar[Queue] = Queue.LOW


@attrs.frozen
class Batch(Job):
    kind: ClassVar[str] = "test_queues_bulk"
    queue: ClassVar[Queue] = Queue.BULK

    n: int = 0


async def test_a_job_on_each_of_the_five_queues_runs(redis_url: str, key_prefix: str) -> None:
    config = fast_config(key_prefix)
    ran: set[Queue] = set()
    handlers = JobHandlers()

    async def note_queue(job: Job) -> None:
        ran.add(job.queue)

    for job_type in (Urgent, Soon, Normal, Chore, Batch):
        handlers.register(job_type, note_queue)
    async with job_platform(config, redis_url) as jobs, running_worker(config, redis_url, handlers):
        for job in (Urgent(), Soon(), Normal(), Chore(), Batch()):
            await jobs.queue.enqueue(job)
        await eventually(lambda: ran == set(Queue))


async def test_each_queue_runs_at_most_its_concurrency_at_once(
    redis_url: str, key_prefix: str
) -> None:
    config = fast_config(key_prefix, **{"jobs.concurrency_bulk": 2})
    running, most, done = 0, 0, 0
    critical_ran = asyncio.Event()

    async def batch(job: Batch) -> None:
        nonlocal running, most, done
        running += 1
        most = max(most, running)
        await asyncio.sleep(0.1)
        running -= 1
        done += 1

    async def urgent(job: Urgent) -> None:
        critical_ran.set()

    handlers = JobHandlers()
    handlers.register(Batch, batch)
    handlers.register(Urgent, urgent)
    async with job_platform(config, redis_url) as jobs, running_worker(config, redis_url, handlers):
        for n in range(6):
            await jobs.queue.enqueue(Batch(n))
        await jobs.queue.enqueue(Urgent())
        await asyncio.wait_for(critical_ran.wait(), 2)
        assert done < 6  # a full bulk queue does not hold up the critical one
        await eventually(lambda: done == 6)
    assert most == 2
