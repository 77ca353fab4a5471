"""Work the server runs beside the API once the database is migrated (folder watchers, start-up
scans, search collection checks). Each feature enters its own context below its marker; all of it
stops when the server stops."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from revenge_app.container import Container
from revenge_app.jobs.services import resolved
from revenge_app.playback_startup import event_streams
from revenge_app.scan_startup import library_watching
from revenge_app.search_startup import search_schema_check
from revenge_app.streaming.background import stream_sweeping


@contextlib.asynccontextmanager
async def feature_tasks(container: Container) -> AsyncIterator[None]:
    async with contextlib.AsyncExitStack() as stack:
        # --- scanning ---
        await stack.enter_async_context(library_watching(container))
        # --- search ---
        await stack.enter_async_context(search_schema_check(container))
        # --- playback ---
        await stack.enter_async_context(event_streams(container))
        streaming = (await resolved(container.playback_use_cases())).streaming
        await stack.enter_async_context(stream_sweeping(streaming))
        yield
