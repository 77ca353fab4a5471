"""Starting scans: on request, when the server starts, and periodically."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from uuid import UUID

import attrs

from revenge_domain.clock import utc_now
from revenge_domain.errors import Conflict, NotFound, PermissionDenied
from revenge_domain.identity.access import Principal
from revenge_domain.jobs import JobQueueUnavailable
from revenge_domain.libraries import Library, LibraryScan, LibraryStore
from revenge_domain.ports.jobs import JobQueue
from revenge_domain.scanning.jobs import MovieLibraryScan
from revenge_domain.scanning.leases import TakeOver, scan_job, stalled
from revenge_domain.scanning.ports import ScanRecords

SCAN_LIBRARIES = "libraries:scan"
SCAN_TYPES = ("full", "incremental", "metadata")
# A scan still unfinished after its job's timeout was cut short; it no longer blocks a new one.
STALE_AFTER = timedelta(seconds=MovieLibraryScan.timeout_s)


@attrs.frozen
class LibraryScans:
    """Queue scans of libraries, each with its record in the library's scan history."""

    libraries: LibraryStore
    records: ScanRecords
    jobs: JobQueue
    clock: Callable[[], datetime] = utc_now

    async def trigger(self, principal: Principal, library_id: UUID, scan_type: str) -> LibraryScan:
        """A scan asked for over the API; Conflict while another is under way."""
        if not principal.can(SCAN_LIBRARIES):
            raise PermissionDenied(f"this needs the {SCAN_LIBRARIES} permission")
        library = await self.libraries.get(library_id)
        if library is None:
            raise NotFound("library not found", {"library_id": str(library_id)})
        current = await self._current(library_id)
        if current is None:
            return await self.queue(library, scan_type)
        if stalled(current, self.clock()):
            # Its run died: the scan goes on under a fresh job, and this request gets it.
            await TakeOver(self.records, self.jobs)(library, current)
            return current
        raise Conflict(
            "a scan of this library is already in progress",
            {"scan_id": str(current.id), "status": current.status},
        )

    async def queue(self, library: Library, scan_type: str) -> LibraryScan:
        scan = await self.records.create(library.id, scan_type)
        try:
            await self.jobs.enqueue(scan_job(library, scan))
        except JobQueueUnavailable:
            await self.records.discard(scan.id)  # it never started: no record of it stays
            raise
        return scan

    async def scan_enabled(self, on_startup_only: bool = False) -> list[LibraryScan]:
        """Queue an incremental scan of every enabled library not being scanned already
        (only those marked `scan_on_startup` when the server starts)."""
        queued = []
        for library in await self.libraries.all():
            settings = library.settings
            if not settings.enabled or (on_startup_only and not settings.scan_on_startup):
                continue
            scan = await self.catch_up(library)
            if scan is not None:
                queued.append(scan)
        return queued

    async def catch_up(self, library: Library) -> LibraryScan | None:
        """An incremental scan of the library unless one is under way (a stalled one is taken
        over); the scan queued, or None."""
        current = await self._current(library.id)
        if current is None:
            return await self.queue(library, "incremental")
        if stalled(current, self.clock()):
            await TakeOver(self.records, self.jobs)(library, current)
        return None

    async def _current(self, library_id: UUID) -> LibraryScan | None:
        return await self.records.unfinished(library_id, self.clock() - STALE_AFTER)
