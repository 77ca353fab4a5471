"""Scans that outlive their process: a running scan keeps a lease by beating; a scan whose
lease ran out (its worker died) is taken over by a fresh job, and files a dead run left waiting
for their match are queued again."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from uuid import UUID

import attrs

from revenge_domain.clock import utc_now
from revenge_domain.jobs import Job
from revenge_domain.libraries import Library, LibraryScan, LibraryType
from revenge_domain.ports.jobs import JobQueue
from revenge_domain.scanning.jobs import (
    MovieFileMatch,
    MovieLibraryScan,
    TVShowFileMatch,
    TVShowLibraryScan,
)
from revenge_domain.scanning.matching import CatalogReport
from revenge_domain.scanning.ports import FileStates, LibraryLookup, RefreshOutbox, ScanRecords

log = logging.getLogger(__name__)

# A running scan beats every few seconds; one silent for LEASE_S lost its worker.
LEASE_S = 15.0
BEAT_S = 3.0
# A queued scan may wait behind others; one waiting this long may have lost its job.
PENDING_GRACE_S = 120.0


def stalled(scan: LibraryScan, now: datetime, lease_s: float = LEASE_S) -> bool:
    """An unfinished scan nobody is running: a running one silent for the lease, a pending one
    (or one just taken over) waiting longer than the grace."""
    if scan.status == "running":
        seen = scan.heartbeat_at or scan.started_at or scan.created_at
        return seen < now - timedelta(seconds=lease_s)
    if scan.status == "pending":
        seen = scan.heartbeat_at or scan.created_at
        return seen < now - timedelta(seconds=max(lease_s, PENDING_GRACE_S))
    return False


def scan_job(library: Library, scan: LibraryScan, takeover: int = 0) -> Job:
    force = scan.scan_type != "incremental"
    if library.settings.type is LibraryType.MOVIE:
        return MovieLibraryScan(library.id, scan.id, force, takeover)
    return TVShowLibraryScan(library.id, scan.id, force, takeover)


def match_job(library: Library, path: str, scan_id: UUID | None = None) -> Job:
    """The scan knows the file is new, moved or changed: it is matched whatever is known."""
    if library.settings.type is LibraryType.MOVIE:
        return MovieFileMatch(library.id, path, force_rematch=True, scan_id=scan_id)
    return TVShowFileMatch(library.id, path, force_rematch=True, scan_id=scan_id)


@attrs.frozen
class TakeOver:
    """Queue a fresh job for a scan whose run died (its own job may be lost or pending for a
    long time); the scan's lease decides which run does the work."""

    records: ScanRecords
    jobs: JobQueue
    wall_clock: Callable[[], float] = time.time

    async def __call__(self, library: Library, scan: LibraryScan) -> None:
        await self.records.rearm(scan.id)
        await self.jobs.enqueue(scan_job(library, scan, takeover=int(self.wall_clock())))
        log.info(
            "scan taken over",
            extra={"fields": {"scan_id": str(scan.id), "library_id": str(library.id)}},
        )


@attrs.frozen
class RecoverScanning:
    """The relay that finishes what dead runs left: stalled scans are taken over, files still
    waiting for their match after `match_after_s` are queued again. Safe to run anywhere and
    often (several instances at once included)."""

    libraries: LibraryLookup
    records: ScanRecords
    files: FileStates
    jobs: JobQueue
    take_over: TakeOver
    match_after_s: float = 600.0
    clock: Callable[[], datetime] = utc_now
    batch: int = 1000
    # Titles written with a row in the outbox: the match queues their refresh at once, the relay
    # (a minute later, equal jobs being one) again for any whose run died, and clears them.
    outbox: RefreshOutbox | None = None
    report: CatalogReport | None = None
    refresh_after_s: float = 60.0

    async def __call__(self) -> tuple[int, int, int]:
        """(scans taken over, matches queued again, refreshes queued)."""
        return await self.scans(), await self.matches(), await self.refreshes()

    async def refreshes(self) -> int:
        if self.outbox is None or self.report is None:
            return 0
        movies, series = await self.outbox.due(self.refresh_after_s, self.batch)
        if await self.report.refresh(movies, series):
            await self.outbox.done(movies, series)
        return len(movies) + len(series)

    async def run(self, stop: asyncio.Event, every_s: float) -> None:
        """At once, then every `every_s` until `stop` is set."""
        while not stop.is_set():
            try:
                await self()
            except Exception:
                log.warning("scan recovery failed; will try again", exc_info=True)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), every_s)

    async def scans(self) -> int:
        now, taken = self.clock(), 0
        for scan in await self.records.all_unfinished():
            library = await self.libraries.get(scan.library_id)
            if library is not None and stalled(scan, now):
                await self.take_over(library, scan)
                taken += 1
        return taken

    async def matches(self) -> int:
        overdue = await self.files.overdue(self.match_after_s, self.batch)
        libraries: dict[UUID, Library | None] = {}
        for library_id, path in overdue:
            if library_id not in libraries:
                libraries[library_id] = await self.libraries.get(library_id)
            library = libraries[library_id]
            if library is not None:
                await self.jobs.enqueue(match_job(library, path))
        if overdue:
            log.info("file matches queued again", extra={"fields": {"files": len(overdue)}})
        return len(overdue)
