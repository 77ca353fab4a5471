"""The app's own wiring: the container gives playback and the event stream to the API, the
cleanup to the job handlers, and `revenge serve` ends open streams when it stops."""

from __future__ import annotations

import asyncio
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine

from revenge_app.background import feature_tasks
from revenge_app.config import CacheConfig, Config, ScanningConfig, SearchConfig
from revenge_app.container import Container
from revenge_app.embedded.stack import ServiceUrls
from revenge_app.jobs.handlers import build_handlers
from revenge_app.jobs.container import job_services, resolved
from revenge_domain.playback import PlaybackCleanup
from revenge_domain.ports.events import Event, Subscription
from tests.unit.fakes.jobs import FakeDeadLetterStore


async def received(events: Subscription) -> list[Event]:
    return [event async for event in events]


async def test_the_container_wires_playback_jobs_and_stream_endings(
    engine: AsyncEngine, pg_url: str, redis_url: str, key_prefix: str, tmp_path: Path
) -> None:
    config = Config(
        data_dir=tmp_path,
        cache=CacheConfig(key_prefix=key_prefix),
        search=SearchConfig(enabled=False),
        scanning=ScanningConfig(interval_s=0),
    )
    container = Container(config=config, urls=ServiceUrls(pg_url, redis_url, "", ""))
    await container.init_resources()
    try:
        use_cases = await resolved(container.use_cases())
        assert use_cases.playback is not None
        live = use_cases.live_events
        assert live is not None
        services = await job_services(container, FakeDeadLetterStore())
        assert services.playback is use_cases.playback
        assert PlaybackCleanup.kind in build_handlers(services).kinds()

        async with live.follow(frozenset({"system"})) as events:
            async with feature_tasks(container):
                drained = asyncio.ensure_future(received(events))
                await asyncio.sleep(0)
                assert not drained.done()
            async with asyncio.timeout(5):
                assert await drained == []
    finally:
        await container.shutdown_resources()
