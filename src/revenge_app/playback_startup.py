"""Open event streams end when the server stops, so it does not wait for their clients."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from revenge_app.container import Container
from revenge_app.jobs.services import resolved


@contextlib.asynccontextmanager
async def event_streams(container: Container) -> AsyncIterator[None]:
    live = (await resolved(container.playback_use_cases())).live_events
    try:
        yield
    finally:
        if live is not None:
            await live.end_all()
