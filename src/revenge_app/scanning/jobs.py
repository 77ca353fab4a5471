"""Handlers of the scanning jobs: each calls one scanning use case."""

from __future__ import annotations

from revenge_adapters.jobs.handlers import JobHandlers, PermanentFailure
from revenge_adapters.jobs.scheduler import PeriodicJob
from revenge_domain.scanning import Scanning
from revenge_domain.scanning.jobs import (
    MovieFileMatch,
    MovieLibraryScan,
    PeriodicLibraryScan,
    TVShowFileMatch,
    TVShowLibraryScan,
)


def register_scan_jobs(handlers: JobHandlers, scanning: Scanning | None) -> None:
    """Without `scanning`, scan jobs fail for good and wait in the dead letters."""

    def cases() -> Scanning:
        if scanning is None:
            raise PermanentFailure("this worker has no library scanning")
        return scanning

    async def scan(job: MovieLibraryScan | TVShowLibraryScan) -> None:
        await cases().scan_library(job.library_id, job.scan_id, job.force)

    async def match(job: MovieFileMatch | TVShowFileMatch) -> None:
        await cases().match_file(job.library_id, job.file_path, job.force_rematch)

    async def scan_every_library(job: PeriodicLibraryScan) -> None:
        await cases().scans.scan_enabled()

    handlers.register(MovieLibraryScan, scan)
    handlers.register(TVShowLibraryScan, scan)
    handlers.register(MovieFileMatch, match)
    handlers.register(TVShowFileMatch, match)
    handlers.register(PeriodicLibraryScan, scan_every_library)


def library_scan_schedule(interval_s: float) -> list[PeriodicJob]:
    """The periodic scan of every enabled library (none when the interval is 0)."""
    if interval_s <= 0:
        return []
    return [
        PeriodicJob(id="periodic_library_scan", make=PeriodicLibraryScan, interval_s=interval_s)
    ]
