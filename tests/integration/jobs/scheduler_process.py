"""A periodic scheduler in its own process that claims the hourly `beat` slot and hangs in the
enqueue (killed by the test), leasing slots for `LEASE_S`."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import ClassVar

import attrs
import redis.asyncio as aioredis

from revenge_adapters.jobs.keys import JobKeys
from revenge_adapters.jobs.periodic import RedisPeriodicClaims
from revenge_adapters.jobs.scheduler import PeriodicJob, PeriodicScheduler
from revenge_domain.jobs import Job

LEASE_S = 1.0


@attrs.frozen
class Beat(Job):
    kind: ClassVar[str] = "test_scheduler_beat"


HOURLY = [PeriodicJob(id="beat", make=Beat, interval_s=3600, run_on_start=True)]


class HangingQueue:
    def __init__(self, marker: str) -> None:
        self._marker = marker

    async def enqueue(self, job: Job, *, delay_s: float = 0) -> str:
        Path(f"{self._marker}.started").touch()  # noqa: ASYNC240 - one tiny file, the test waits on it
        await asyncio.Event().wait()
        raise AssertionError("unreachable")


async def hang(redis_url: str, key_prefix: str, marker: str) -> None:
    redis = aioredis.from_url(redis_url)
    claims = RedisPeriodicClaims(redis, JobKeys(key_prefix))
    await PeriodicScheduler(HOURLY, HangingQueue(marker), claims, lease_s=LEASE_S).tick()


if __name__ == "__main__":
    asyncio.run(hang(*sys.argv[1:4]))
