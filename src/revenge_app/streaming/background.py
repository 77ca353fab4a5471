"""The streaming sweep beside the API: ended or expired sessions lose their ffmpeg processes
and files, idle encoders stop, the segment cache stays under its cap; all of it ends with the
server."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from revenge_app.streaming.feature import Streaming

log = logging.getLogger(__name__)


async def _sweeping(streaming: Streaming) -> None:
    while True:
        await asyncio.sleep(streaming.config.sweep_interval_s)
        try:
            await streaming.sweep()
        except Exception:
            log.exception("streaming sweep failed")


@contextlib.asynccontextmanager
async def stream_sweeping(streaming: Streaming | None) -> AsyncIterator[None]:
    if streaming is None:
        yield
        return
    streaming.live.store.clear()
    task = asyncio.create_task(_sweeping(streaming))
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await streaming.live.close_all()
