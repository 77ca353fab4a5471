from __future__ import annotations

import asyncio
from typing import ClassVar

import attrs
import redis.asyncio as aioredis

from revenge_adapters.jobs.scheduler import PeriodicJob
from revenge_app.jobs.runtime import run_scheduler
from revenge_domain.jobs import Job
from tests.integration.jobs.support import fast_config


@attrs.frozen
class Heartbeat(Job):
    kind: ClassVar[str] = "test_scheduler_heartbeat"


async def test_two_schedulers_enqueue_a_periodic_job_once_per_slot(
    redis_url: str, key_prefix: str
) -> None:
    config = fast_config(key_prefix, **{"jobs.poll_interval_s": 0.02})
    schedule = [PeriodicJob(id="beat", make=Heartbeat, interval_s=0.2, run_on_start=True)]
    stop = asyncio.Event()
    schedulers = [
        asyncio.create_task(run_scheduler(config, redis_url, stop, schedule)) for _ in range(2)
    ]
    await asyncio.sleep(1.0)
    stop.set()
    await asyncio.wait_for(asyncio.gather(*schedulers), 5)

    client = aioredis.from_url(redis_url)
    try:
        slots = [key async for key in client.scan_iter(match=f"{key_prefix}periodic:beat:*")]
        queued = await client.xlen(f"{key_prefix}jobs:default")
    finally:
        await client.aclose()
    assert len(slots) >= 4
    assert queued == len(slots)
