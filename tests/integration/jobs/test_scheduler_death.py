"""A scheduler killed between claiming a slot and enqueueing its job does not lose the slot:
another scheduler takes it once the lease runs out."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis.asyncio as aioredis

from revenge_adapters.jobs.scheduler import PeriodicScheduler
from revenge_app.jobs.runtime import job_platform
from revenge_domain.jobs import Queue
from tests.integration.jobs.scheduler_process import HOURLY, LEASE_S
from tests.integration.jobs.support import eventually, eventually_equal, fast_config, started

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def marker(tmp_path: Path) -> str:
    return str(tmp_path / "claimed")


@pytest.fixture
def doomed_scheduler(
    redis_url: str, key_prefix: str, marker: str
) -> Iterator[subprocess.Popen[bytes]]:
    module = "tests.integration.jobs.scheduler_process"
    process = subprocess.Popen(
        [sys.executable, "-m", module, redis_url, key_prefix, marker],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    yield process
    if process.poll() is None:
        process.kill()
    process.wait(10)


async def test_a_slot_claimed_by_a_killed_scheduler_is_enqueued_by_another(
    redis_url: str, key_prefix: str, marker: str, doomed_scheduler: subprocess.Popen[bytes]
) -> None:
    await eventually(lambda: started(marker), timeout_s=20)
    doomed_scheduler.send_signal(signal.SIGKILL)
    doomed_scheduler.wait(10)

    redis = aioredis.from_url(redis_url)
    async with job_platform(fast_config(key_prefix), redis_url) as jobs:
        scheduler = PeriodicScheduler(HOURLY, jobs.queue, jobs.claims, lease_s=LEASE_S)

        async def beats() -> int:
            await scheduler.tick()
            return int(await redis.xlen(f"{key_prefix}jobs:{Queue.DEFAULT}"))

        try:
            await eventually_equal(beats, 1, timeout_s=LEASE_S + 5)
            await asyncio.sleep(LEASE_S + 0.2)
            assert await beats() == 1
        finally:
            await redis.aclose()
