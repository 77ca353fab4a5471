"""The `FolderWatcher` port with `watchfiles` (inotify on Linux, in its own thread)."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Sequence

from watchfiles import Change, awatch

from revenge_domain.scanning.ports import FolderEvents


class WatchfilesWatcher:
    def __init__(self, debounce_ms: int = 800, step_ms: int = 100) -> None:
        self._debounce_ms, self._step_ms = debounce_ms, step_ms

    async def changes(
        self, roots: Sequence[str], stop: asyncio.Event
    ) -> AsyncIterator[FolderEvents]:
        existing = await asyncio.to_thread(lambda: [r for r in roots if os.path.isdir(r)])
        if not existing:
            await stop.wait()
            return
        async for batch in awatch(
            *existing,
            stop_event=stop,
            debounce=self._debounce_ms,
            step=self._step_ms,
            recursive=True,
        ):
            touched = sorted({path for change, path in batch if change != Change.deleted})
            deleted = sorted({path for change, path in batch if change == Change.deleted})
            yield touched, deleted
