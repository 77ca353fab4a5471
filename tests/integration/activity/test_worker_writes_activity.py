"""A real worker, given the features' job handlers as `revenge serve` and `revenge worker` give
them, writes the rows of activity jobs taken from the Redis queues."""

from __future__ import annotations

import asyncio
import secrets
import time

import asyncpg
import attrs

from revenge_app.config import Config, JobsConfig
from revenge_app.features import running
from revenge_app.jobs.runtime import job_platform, run_worker
from revenge_app.services import configured_urls
from revenge_domain.activity import ActivityEvent
from revenge_domain.activity.jobs import RecordSecurityActivity


async def test_an_activity_job_is_written_by_the_worker(
    config: Config, pg_url: str, redis_url: str
) -> None:
    config = attrs.evolve(config, jobs=JobsConfig(poll_interval_s=0.2))
    action = f"test.worker_{secrets.token_hex(4)}"
    stop = asyncio.Event()
    async with running(config, configured_urls(config)) as (_, features):
        worker = asyncio.create_task(run_worker(config, redis_url, stop, features.jobs))
        try:
            async with job_platform(config, redis_url) as platform:
                await platform.queue.enqueue(RecordSecurityActivity(ActivityEvent(action=action)))
            assert await _row_appears(pg_url, action, within_s=15)
        finally:
            stop.set()
            await asyncio.wait_for(worker, 30)


async def _row_appears(pg_url: str, action: str, within_s: float) -> bool:
    connection = await asyncpg.connect(pg_url)
    try:
        deadline = time.monotonic() + within_s
        while time.monotonic() < deadline:
            query = "SELECT count(*) FROM public.activity_log WHERE action = $1"
            if await connection.fetchval(query, action):
                return True
            await asyncio.sleep(0.1)
        return False
    finally:
        await connection.close()
