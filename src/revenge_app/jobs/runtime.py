"""Run the job worker and the periodic scheduler from config and a Redis URL."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence

import attrs
import redis.asyncio as aioredis
from taskiq_redis import RedisStreamBroker

from revenge_adapters.jobs.dead_letters import RedisDeadLetterStore
from revenge_adapters.jobs.handlers import JobHandlers
from revenge_adapters.jobs.keys import JobKeys
from revenge_adapters.jobs.periodic import RedisPeriodicClaims
from revenge_adapters.jobs.queue import TaskiqJobQueue
from revenge_adapters.jobs.runner import Backoff, JobRunner
from revenge_adapters.jobs.scheduler import PeriodicJob, PeriodicScheduler
from revenge_adapters.jobs.worker import JobWorker, WorkerSettings
from revenge_app.config import Config
from revenge_domain.jobs import Queue


@attrs.frozen
class JobPlatform:
    """The Redis-backed job pieces the rest of the app uses (`queue` is the `JobQueue`)."""

    queue: TaskiqJobQueue
    dead_letters: RedisDeadLetterStore
    claims: RedisPeriodicClaims


@contextlib.asynccontextmanager
async def job_platform(config: Config, redis_url: str) -> AsyncIterator[JobPlatform]:
    keys = JobKeys(config.cache.key_prefix)
    redis = aioredis.from_url(redis_url)
    broker = RedisStreamBroker(redis_url, queue_name=keys.stream(Queue.DEFAULT))
    try:
        yield JobPlatform(
            queue=TaskiqJobQueue(broker, redis, keys),
            dead_letters=RedisDeadLetterStore(redis, keys),
            claims=RedisPeriodicClaims(redis, keys),
        )
    finally:
        await broker.shutdown()
        await redis.aclose()


def worker_settings(config: Config, redis_url: str) -> WorkerSettings:
    jobs = config.jobs
    return WorkerSettings(
        redis_url=redis_url,
        keys=JobKeys(config.cache.key_prefix),
        concurrency={queue: jobs.concurrency(queue) for queue in Queue},
        redeliver_after_s=jobs.redeliver_after_s,
        poll_interval_s=jobs.poll_interval_s,
        shutdown_wait_s=config.server.shutdown_timeout_s,
    )


async def run_worker(
    config: Config, redis_url: str, stop: asyncio.Event, handlers: JobHandlers
) -> None:
    """Run jobs with `handlers` until `stop` is set."""
    async with job_platform(config, redis_url) as platform:
        runner = JobRunner(
            handlers=handlers,
            retries=platform.queue,
            dead_letters=platform.dead_letters,
            backoff=Backoff(config.jobs.backoff_base_s, config.jobs.backoff_max_s),
        )
        await JobWorker(worker_settings(config, redis_url), runner).run(stop)


async def run_scheduler(
    config: Config,
    redis_url: str,
    stop: asyncio.Event,
    schedule: Sequence[PeriodicJob],
) -> None:
    """Enqueue periodic jobs until `stop` is set; safe to run in several processes at once."""
    async with job_platform(config, redis_url) as platform:
        scheduler = PeriodicScheduler(
            schedule=schedule,
            queue=platform.queue,
            claims=platform.claims,
        )
        await scheduler.run(stop, tick_s=config.jobs.poll_interval_s)


def run_until_signalled(main: Callable[[asyncio.Event], Awaitable[None]]) -> None:
    """Run `main(stop)` on a fresh event loop; SIGINT or SIGTERM sets `stop`."""

    async def supervise() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        await main(stop)

    asyncio.run(supervise())
