"""The app's own wiring: the playback feature gives its sessions and the event stream to the
API, the cleanup to the job handlers, and `revenge serve` ends open streams when it stops."""

from __future__ import annotations

import asyncio
import contextlib

import attrs

from revenge_app.config import Config
from revenge_app.features import running
from revenge_app.playback.container import PLAYBACK, Playback
from revenge_app.registry import resolved
from revenge_app.services import configured_urls
from revenge_domain.playback import PlaybackCleanup
from revenge_domain.ports.events import Event, Subscription


async def received(events: Subscription) -> list[Event]:
    return [event async for event in events]


async def test_the_container_wires_playback_jobs_and_stream_endings(config: Config) -> None:
    config = attrs.evolve(config, scanning=attrs.evolve(config.scanning, interval_s=0))
    async with running(config, configured_urls(config)) as (container, features):
        playback: Playback = features.state[PLAYBACK]
        assert playback.sessions is await resolved(container.playback.sessions())
        assert PlaybackCleanup.kind in features.jobs.kinds()

        async with playback.live_events.follow(frozenset({"system"})) as events:
            # What `revenge serve` runs beside the API, until it stops.
            async with contextlib.AsyncExitStack() as beside_api:
                for work in features.background:
                    await beside_api.enter_async_context(work())
                drained = asyncio.ensure_future(received(events))
                await asyncio.sleep(0)
                assert not drained.done()
            async with asyncio.timeout(5):
                assert await drained == []
