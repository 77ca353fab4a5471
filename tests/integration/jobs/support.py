"""Shared pieces of the job integration tests (also imported by the worker subprocess)."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import ClassVar, TypeVar

import attrs

from revenge_adapters.jobs.handlers import JobHandlers
from revenge_adapters.jobs.ports import DeadLetterStore
from revenge_adapters.jobs.runner import DeadLetter
from revenge_app.config import Config, load_config
from revenge_app.jobs.runtime import run_worker
from revenge_domain.jobs import Job, Queue

T = TypeVar("T")


@attrs.frozen
class Block(Job):
    """Touches `<marker>.started`, then the handler decides whether it ever finishes."""

    kind: ClassVar[str] = "test_jobs_block"
    queue: ClassVar[Queue] = Queue.DEFAULT

    marker: str


def fast_config(key_prefix: str, **settings: object) -> Config:
    """Fast job settings for tests; `settings` are dotted keys such as `jobs.concurrency_bulk`."""
    fast: dict[str, object] = {
        "cache.key_prefix": key_prefix,
        "jobs.poll_interval_s": 0.05,
        "jobs.backoff_base_s": 0.05,
        "jobs.backoff_max_s": 1.0,
        "jobs.redeliver_after_s": 30.0,
        "server.shutdown_timeout_s": 2.0,
    }
    return load_config(environ={}, overrides={**fast, **settings})


@contextlib.asynccontextmanager
async def running_worker(
    config: Config, redis_url: str, handlers: JobHandlers
) -> AsyncIterator[None]:
    stop = asyncio.Event()
    task = asyncio.create_task(run_worker(config, redis_url, stop, handlers))
    try:
        yield
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)


async def eventually(check: Callable[[], bool], timeout_s: float = 5.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


def started(marker: str) -> bool:
    return Path(f"{marker}.started").exists()


async def eventually_equal(
    read: Callable[[], Awaitable[T]], expected: T, timeout_s: float = 5.0
) -> None:
    deadline = time.monotonic() + timeout_s
    while (value := await read()) != expected:
        if time.monotonic() > deadline:
            raise AssertionError(f"still {value!r}, expected {expected!r}")
        await asyncio.sleep(0.02)


async def dead_letter(store: DeadLetterStore, job_id: str, timeout_s: float = 5.0) -> DeadLetter:
    deadline = time.monotonic() + timeout_s
    while (letter := await store.get(job_id)) is None:
        if time.monotonic() > deadline:
            raise AssertionError(f"job {job_id} did not reach the dead letters")
        await asyncio.sleep(0.02)
    return letter
