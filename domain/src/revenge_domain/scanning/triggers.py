"""Starting scans: on request, when the server starts, and periodically."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from uuid import UUID

import attrs

from revenge_domain.errors import Conflict, NotFound, PermissionDenied
from revenge_domain.identity.access import Principal
from revenge_domain.jobs import JobQueueUnavailable
from revenge_domain.jobs.handling import utc_now
from revenge_domain.libraries import Library, LibraryScan, LibraryStore, LibraryType
from revenge_domain.ports.jobs import JobQueue
from revenge_domain.scanning.jobs import MovieLibraryScan, TVShowLibraryScan
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
        if await self._busy(library_id):
            raise Conflict("a scan of this library is already in progress")
        return await self.queue(library, scan_type)

    async def queue(self, library: Library, scan_type: str) -> LibraryScan:
        scan = await self.records.create(library.id, scan_type)
        force = scan_type != "incremental"
        if library.settings.type is LibraryType.MOVIE:
            job: MovieLibraryScan | TVShowLibraryScan = MovieLibraryScan(library.id, scan.id, force)
        else:
            job = TVShowLibraryScan(library.id, scan.id, force)
        try:
            await self.jobs.enqueue(job)
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
            if not await self._busy(library.id):
                queued.append(await self.queue(library, "incremental"))
        return queued

    async def _busy(self, library_id: UUID) -> bool:
        since = self.clock() - STALE_AFTER
        return await self.records.unfinished(library_id, since) is not None
