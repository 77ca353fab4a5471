"""Watching the folders of libraries with `realtime_monitoring`: what changes on disk reaches
the catalogue within seconds, without a full scan."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from uuid import UUID

import attrs

from revenge_domain.libraries import Library, LibraryStore
from revenge_domain.scanning.ports import FolderWatcher
from revenge_domain.scanning.scan import FolderChanges

log = logging.getLogger(__name__)


@attrs.define
class WatchLibraries:
    """Runs one watcher per monitored library; picks up libraries created, changed or deleted
    when woken (a library change) and every `refresh_s`. A watcher that starts asks `catch_up`
    for an incremental scan, for what changed while nobody watched."""

    libraries: LibraryStore
    watcher: FolderWatcher
    apply: FolderChanges
    refresh_s: float = 30.0
    catch_up: Callable[[Library], Awaitable[object]] | None = None
    # How long a starting watcher gets to start watching before the catch-up scan is queued.
    settle_s: float = 0.3
    _running: dict[UUID, tuple[Library, asyncio.Task[None], asyncio.Event]] = attrs.field(
        factory=dict, init=False
    )
    _woken: asyncio.Event = attrs.field(factory=asyncio.Event, init=False)

    def wake(self) -> None:
        """Look at the libraries again now (one changed)."""
        self._woken.set()

    async def run(self, stop: asyncio.Event) -> None:
        try:
            while not stop.is_set():
                self._woken.clear()
                await self.refresh()
                await _first_of(stop, self._woken, self.refresh_s)
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

    async def _catch_up(self, library: Library, stop: asyncio.Event) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), self.settle_s)
            return
        if self.catch_up is None:
            return
        try:
            await self.catch_up(library)
        except Exception:
            log.warning(
                "catch-up scan could not be queued",
                extra={"fields": {"library_id": str(library.id)}},
                exc_info=True,
            )

    async def _watch(self, library: Library, stop: asyncio.Event) -> None:
        fields = {"library_id": str(library.id)}
        catching_up = asyncio.create_task(self._catch_up(library, stop))
        try:
            await self._follow(library, stop, fields)
        finally:
            catching_up.cancel()

    async def _follow(self, library: Library, stop: asyncio.Event, fields: dict[str, str]) -> None:
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


async def _first_of(stop: asyncio.Event, woken: asyncio.Event, timeout_s: float) -> None:
    """Until either event is set, or `timeout_s` passed."""
    waits = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(woken.wait())]
    try:
        await asyncio.wait(waits, timeout=timeout_s, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for wait in waits:
            wait.cancel()
