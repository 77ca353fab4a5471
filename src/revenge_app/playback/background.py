"""The streaming sweep beside the API: ended or expired sessions lose their ffmpeg processes
and files, idle encoders stop, the segment cache stays under its cap; sessions that end on any
instance (stopped, or expired by the cleanup job) lose theirs at once, through the event bus;
all of it ends with the server."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from revenge_app.playback.streaming import Streaming
from revenge_domain.live_events import LiveEvents
from revenge_domain.playback.cases import PLAYBACK_CATEGORY
from revenge_domain.ports.events import Subscription

log = logging.getLogger(__name__)


async def _sweeping(streaming: Streaming) -> None:
    while True:
        await asyncio.sleep(streaming.config.sweep_interval_s)
        try:
            await streaming.sweep()
        except Exception:
            log.exception("streaming sweep failed")


async def _following(streaming: Streaming, ends: Subscription) -> None:
    while True:
        try:
            await streaming.follow_ends(ends)
            return
        except Exception:
            log.exception("following playback ends failed")
            streaming.live.distrust_all()


@contextlib.asynccontextmanager
async def stream_sweeping(streaming: Streaming) -> AsyncIterator[None]:
    streaming.live.store.clear()
    ends = streaming.playback.events.subscribe(PLAYBACK_CATEGORY)
    tasks = [
        asyncio.create_task(_sweeping(streaming)),
        asyncio.create_task(_following(streaming, ends)),
    ]
    try:
        yield
    finally:
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await ends.aclose()
        await streaming.live.close_all()


@contextlib.asynccontextmanager
async def event_streams(live: LiveEvents) -> AsyncIterator[None]:
    """Open event streams end when the server stops, so it does not wait for their clients."""
    try:
        yield
    finally:
        await live.end_all()
