"""Watching the folders of libraries with `realtime_monitoring`: what changes on disk reaches
the catalogue within seconds, without a full scan."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from uuid import UUID

import attrs

from revenge_domain.libraries import Library, LibraryStore
from revenge_domain.scanning.ports import FolderWatcher
from revenge_domain.scanning.scan import FolderChanges

log = logging.getLogger(__name__)


@attrs.define
class WatchLibraries:
    """Runs one watcher per monitored library; every `refresh_s` it picks up libraries that were
    created, changed or deleted since."""

    libraries: LibraryStore
    watcher: FolderWatcher
    apply: FolderChanges
    refresh_s: float = 30.0
    _running: dict[UUID, tuple[Library, asyncio.Task[None], asyncio.Event]] = attrs.field(
        factory=dict, init=False
    )

    async def run(self, stop: asyncio.Event) -> None:
        try:
            while not stop.is_set():
                await self.refresh()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), self.refresh_s)
        finally:
            for library_id in list(self._running):
                await self._stop(library_id)

    async def refresh(self) -> None:
        try:
            wanted = {
                library.id: library
                for library in await self.libraries.all()
                if library.settings.enabled and library.settings.realtime_monitoring
            }
        except Exception:
            log.warning("monitored libraries could not be read", exc_info=True)
            return
        for library_id, (library, _, _) in list(self._running.items()):
            now = wanted.get(library_id)
            if now is None or now.settings != library.settings:
                await self._stop(library_id)
        for library_id, library in wanted.items():
            if library_id not in self._running:
                stop = asyncio.Event()
                task = asyncio.create_task(self._watch(library, stop))
                self._running[library_id] = (library, task, stop)

    @property
    def watched(self) -> set[UUID]:
        return set(self._running)

    async def _stop(self, library_id: UUID) -> None:
        _, task, stop = self._running.pop(library_id)
        stop.set()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await asyncio.wait_for(task, 5.0)

    async def _watch(self, library: Library, stop: asyncio.Event) -> None:
        fields = {"library_id": str(library.id)}
        while not stop.is_set():
            try:
                async for touched, deleted in self.watcher.changes(library.settings.paths, stop):
                    await self.apply(library, touched, deleted)
            except Exception:
                log.warning(
                    "folder watch failed; restarting", extra={"fields": fields}, exc_info=True
                )
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), 5.0)
