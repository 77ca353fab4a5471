"""Jobs of library scanning: whole-library scans on `bulk`, one file's matching on `default`."""

from __future__ import annotations

from typing import ClassVar
from uuid import UUID

import attrs

from revenge_domain.jobs import Job, Queue


@attrs.frozen
class _LibraryScan(Job):
    queue: ClassVar[Queue] = Queue.BULK
    max_attempts: ClassVar[int] = 3
    timeout_s: ClassVar[float] = 1800.0
    unique_for_s: ClassVar[float | None] = 600.0

    library_id: UUID
    scan_id: UUID | None = None
    # `full` scans match every file again, not only new and changed ones.
    force: bool = False
    # When a fresh job took over the scan of a dead run (so it is not one with the lost job).
    takeover: int = 0


@attrs.frozen
class MovieLibraryScan(_LibraryScan):
    kind: ClassVar[str] = "movie_library_scan"


@attrs.frozen
class TVShowLibraryScan(_LibraryScan):
    kind: ClassVar[str] = "tvshow_library_scan"


@attrs.frozen
class _FileMatch(Job):
    queue: ClassVar[Queue] = Queue.DEFAULT
    max_attempts: ClassVar[int] = 3
    # A scan taken over queues its files again: those still queued from the dead run stay one.
    unique_for_s: ClassVar[float | None] = 600.0

    library_id: UUID
    file_path: str
    force_rematch: bool = False
    # The scan that queued the match (None: the relay of matches a lost queue dropped).
    scan_id: UUID | None = None


@attrs.frozen
class MovieFileMatch(_FileMatch):
    kind: ClassVar[str] = "movie_file_match"


@attrs.frozen
class TVShowFileMatch(_FileMatch):
    kind: ClassVar[str] = "tvshow_file_match"


@attrs.frozen
class PeriodicLibraryScan(Job):
    """Queue an incremental scan of every enabled library."""

    kind: ClassVar[str] = "periodic_library_scan"
    queue: ClassVar[Queue] = Queue.DEFAULT
    max_attempts: ClassVar[int] = 3
    timeout_s: ClassVar[float] = 60.0
    unique_for_s: ClassVar[float | None] = 300.0
