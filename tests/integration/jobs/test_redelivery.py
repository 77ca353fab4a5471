"""A job whose worker dies mid-run is delivered again, with no other traffic to wake anyone."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from revenge_adapters.jobs.handlers import JobHandlers
from revenge_app.jobs.runtime import job_platform
from tests.integration.jobs.support import (
    Block,
    eventually,
    fast_config,
    running_worker,
    started,
)

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def doomed_worker(redis_url: str, key_prefix: str) -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.integration.jobs.worker_process", redis_url, key_prefix],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    yield process
    if process.poll() is None:
        process.kill()
    process.wait(10)


def finishing(done: list[str]) -> JobHandlers:
    async def finish(job: Block) -> None:
        done.append(job.marker)

    handlers = JobHandlers()
    handlers.register(Block, finish)
    return handlers


async def test_a_job_of_a_killed_worker_runs_to_completion_on_another(
    redis_url: str, key_prefix: str, tmp_path: Path, doomed_worker: subprocess.Popen[bytes]
) -> None:
    marker = str(tmp_path / "job")
    config = fast_config(key_prefix)
    async with job_platform(config, redis_url) as jobs:
        await jobs.queue.enqueue(Block(marker))
    await eventually(lambda: started(marker), timeout_s=20)
    doomed_worker.send_signal(signal.SIGKILL)
    doomed_worker.wait(10)

    done: list[str] = []
    rescuer = fast_config(key_prefix, **{"jobs.redeliver_after_s": 0.3})
    async with running_worker(rescuer, redis_url, finishing(done)):
        await eventually(lambda: done == [marker])


async def test_a_job_cut_short_by_a_stopping_worker_is_delivered_again(
    redis_url: str, key_prefix: str
) -> None:
    config = fast_config(
        key_prefix, **{"jobs.redeliver_after_s": 0.3, "server.shutdown_timeout_s": 0.1}
    )
    began = asyncio.Event()

    async def hang(job: Block) -> None:
        began.set()
        await asyncio.Event().wait()

    stubborn = JobHandlers()
    stubborn.register(Block, hang)
    async with job_platform(config, redis_url) as jobs:
        async with running_worker(config, redis_url, stubborn):
            await jobs.queue.enqueue(Block("cut-short"))
            await asyncio.wait_for(began.wait(), 5)
        done: list[str] = []
        async with running_worker(config, redis_url, finishing(done)):
            await eventually(lambda: done == ["cut-short"])


async def test_a_job_running_longer_than_the_redelivery_time_is_not_taken_over(
    redis_url: str, key_prefix: str
) -> None:
    config = fast_config(key_prefix, **{"jobs.redeliver_after_s": 0.2})
    runs: list[str] = []

    async def slow(job: Block) -> None:
        runs.append(job.marker)
        await asyncio.sleep(0.8)

    handlers = JobHandlers()
    handlers.register(Block, slow)
    async with (
        job_platform(config, redis_url) as jobs,
        running_worker(config, redis_url, handlers),
        running_worker(config, redis_url, handlers),
    ):
        await jobs.queue.enqueue(Block("slow"))
        await eventually(lambda: runs == ["slow"])
        await asyncio.sleep(1.0)
    assert runs == ["slow"]
