from __future__ import annotations

import asyncio
from typing import ClassVar

import attrs

from revenge_adapters.jobs.scheduler import PeriodicJob, PeriodicScheduler
from revenge_domain.jobs import DeadLetterPrune, Job
from tests.unit.fakes.jobs import FakeJobQueue, FakePeriodicClaims
from tests.unit.whole_app import app_schedule, unit_config


@attrs.frozen
class Tidy(Job):
    kind: ClassVar[str] = "test_periodic_tidy"


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def every_minute(run_on_start: bool) -> PeriodicJob:
    return PeriodicJob(id="tidy", make=Tidy, interval_s=60, run_on_start=run_on_start)


async def test_a_job_runs_once_per_interval() -> None:
    clock, queue = Clock(1_000.0), FakeJobQueue()
    scheduler = PeriodicScheduler([every_minute(True)], queue, FakePeriodicClaims(), clock)
    for now in (1_000.0, 1_010.0, 1_019.0, 1_020.0, 1_079.0, 1_080.0):
        clock.now = now
        await scheduler.tick()
    # slots: 16 (1000-1019), 17 (1020-1079), 18 (1080-)
    assert len(queue.enqueued) == 3


async def test_without_run_on_start_the_first_run_waits_for_the_next_slot() -> None:
    clock, queue = Clock(1_000.0), FakeJobQueue()
    scheduler = PeriodicScheduler([every_minute(False)], queue, FakePeriodicClaims(), clock)
    assert await scheduler.tick() == []
    clock.now = 1_020.0
    assert await scheduler.tick() == ["tidy"]


async def test_several_schedulers_enqueue_each_slot_once() -> None:
    clock, queue, claims = Clock(1_000.0), FakeJobQueue(), FakePeriodicClaims()
    schedulers = [PeriodicScheduler([every_minute(True)], queue, claims, clock) for _ in range(3)]
    for now in (1_000.0, 1_010.0, 1_030.0):
        clock.now = now
        for scheduler in schedulers:
            await scheduler.tick()
    assert len(queue.enqueued) == 2


class BrokenQueue(FakeJobQueue):
    def __init__(self) -> None:
        super().__init__()
        self.broken = True

    async def enqueue(self, job: Job, *, delay_s: float = 0) -> str:
        if self.broken:
            raise ConnectionError("queue down")
        return await super().enqueue(job, delay_s=delay_s)


async def test_a_slot_whose_enqueue_failed_is_tried_again() -> None:
    clock, queue, claims = Clock(1_000.0), BrokenQueue(), FakePeriodicClaims()
    scheduler = PeriodicScheduler([every_minute(True)], queue, claims, clock)
    assert await scheduler.tick() == []
    assert claims.claimed == set()
    queue.broken = False
    assert await scheduler.tick() == ["tidy"]


async def test_run_stops_when_asked() -> None:
    stop = asyncio.Event()
    queue = FakeJobQueue()
    scheduler = PeriodicScheduler([every_minute(True)], queue, FakePeriodicClaims())
    task = asyncio.create_task(scheduler.run(stop, tick_s=0.01))
    await asyncio.sleep(0.03)
    stop.set()
    await asyncio.wait_for(task, 1)
    assert len(queue.enqueued) == 1


async def test_the_app_prunes_dead_letters_daily_with_the_configured_retention() -> None:
    environ = {"REVENGE_JOBS_DEAD_LETTER_RETENTION_DAYS": "12"}
    schedule = app_schedule(unit_config(environ))
    (prune,) = [job for job in schedule if job.id == "dead_letter_prune_daily"]
    assert prune.interval_s == 24 * 3600
    assert prune.make() == DeadLetterPrune(older_than_days=12)


async def test_a_slot_whose_holder_died_before_enqueueing_runs_once_its_lease_ends() -> None:
    clock, queue, claims = Clock(1_000.0), FakeJobQueue(), FakePeriodicClaims()
    await claims.claim("tidy", 16, lease_s=30)  # a scheduler that died right after
    scheduler = PeriodicScheduler([every_minute(True)], queue, claims, clock)
    assert await scheduler.tick() == []
    claims.expire("tidy", 16)
    clock.now = 1_001.0
    assert await scheduler.tick() == ["tidy"]
    assert ("tidy", 16) in claims.done_slots
