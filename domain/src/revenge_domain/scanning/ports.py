"""Ports of library scanning: the disk, names, sidecar files, media probing, file state, scan
records and the catalogue writers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Collection, Sequence
from datetime import datetime
from typing import Protocol
from uuid import UUID

from revenge_domain.libraries import Library, LibraryScan
from revenge_domain.scanning.model import (
    Artwork,
    CatalogDelta,
    EpisodeFacts,
    FileStat,
    FileStatus,
    KnownFile,
    MovieFacts,
    Nfo,
    ParsedName,
    Probe,
    ScanClaim,
    ScanCounts,
    VideoFile,
    WalkProblem,
)

WalkBatch = Sequence[FileStat | WalkProblem]


class LibraryLookup(Protocol):
    async def get(self, library_id: UUID) -> Library | None: ...


class FolderWalker(Protocol):
    def walk(self, roots: Sequence[str]) -> AsyncIterator[WalkBatch]:
        """Every video file below `roots`, in batches, without blocking the event loop.

        A folder, link or name that cannot be read comes back as a WalkProblem and the walk
        goes on; a root that cannot be read is a problem too.
        """
        ...

    async def stat(self, path: str) -> FileStat | WalkProblem | None:
        """One path: a video file's stat, a problem, or None when it is gone or no video."""
        ...


class NameParser(Protocol):
    async def movie(self, relative_path: str) -> ParsedName:
        """Title and year from a movie's path below the library folder."""
        ...

    async def episode(self, relative_path: str) -> ParsedName:
        """Show title, season and episode numbers from a path below the library folder."""
        ...


class Sidecars(Protocol):
    """Kodi-style files next to the video: .nfo and local artwork."""

    async def movie_nfo(self, video_path: str) -> Nfo | None:
        """`<video>.nfo`, else `movie.nfo` in the same folder."""
        ...

    async def episode_nfo(self, video_path: str) -> Nfo | None:
        """`<video>.nfo`."""
        ...

    async def series_nfo(self, show_folder: str) -> Nfo | None:
        """`tvshow.nfo` in the show's folder."""
        ...

    async def artwork(self, folder: str | None, video_path: str | None = None) -> Artwork:
        """`<video>-poster.jpg` / `<video>-fanart.jpg` beside the video, else `poster.jpg` (or
        `folder.jpg`) and `fanart.jpg` in `folder` (None: the video has no folder of its own)."""
        ...


class MediaProber(Protocol):
    async def probe(self, path: str) -> Probe:
        """Media info of one file; a file that cannot be read gives `Probe(error=...)`."""
        ...


class FileStates(Protocol):
    """What the scans know of each file of a library (to scan incrementally)."""

    async def known(self, library_id: UUID) -> dict[str, KnownFile]: ...

    async def get(self, library_id: UUID, path: str) -> KnownFile | None: ...

    async def save(self, library_id: UUID, files: Sequence[KnownFile]) -> None:
        """Insert or replace these files' state."""
        ...

    async def moved(self, library_id: UUID, old_path: str, new: FileStat) -> None: ...

    async def forget(self, library_id: UUID, paths: Sequence[str]) -> None: ...

    async def mark(
        self, library_id: UUID, path: str, status: FileStatus, error: str | None = None
    ) -> None: ...

    async def overdue(self, older_than_s: float, limit: int) -> list[tuple[UUID, str]]:
        """(library id, path) of files pending for longer than `older_than_s`, each marked as
        pending from now on (so a file comes back at most once per `older_than_s`)."""
        ...


class RefreshOutbox(Protocol):
    """Titles a scan created whose metadata refresh is not queued yet (written with the title)."""

    async def due(self, older_than_s: float, limit: int) -> tuple[list[UUID], list[UUID]]:
        """(movie ids, series ids) created more than `older_than_s` ago and still waiting."""
        ...

    async def done(self, movies: Collection[UUID], series: Collection[UUID]) -> None:
        """Their refreshes are queued."""
        ...


class ScanRecords(Protocol):
    """The rows of `library scans`, with their progress and the problems each scan met."""

    async def create(self, library_id: UUID, scan_type: str) -> LibraryScan: ...

    async def unfinished(self, library_id: UUID, since: datetime) -> LibraryScan | None:
        """A pending or running scan of the library created after `since`."""
        ...

    async def all_unfinished(self) -> list[LibraryScan]:
        """Every pending or running scan, of every library."""
        ...

    async def claim(self, scan_id: UUID, lease_s: float) -> ScanClaim:
        """Start (or take over) the scan: TAKEN when it is pending, or running with no beat
        for `lease_s`; BUSY when a live run has it; DONE when it is over or gone."""
        ...

    async def beat(self, scan_id: UUID) -> None:
        """The running scan's run is alive."""
        ...

    async def rearm(self, scan_id: UUID) -> None:
        """A fresh job is queued for the unfinished scan: it is pending again (the first run
        to claim it does it), and its wait in the queue starts now."""
        ...

    async def progress(self, scan_id: UUID, counts: ScanCounts) -> None: ...

    async def report(self, scan_id: UUID, problems: Sequence[WalkProblem]) -> None:
        """Keep the paths a scan could not read."""
        ...

    async def finish(self, scan_id: UUID, counts: ScanCounts, message: str | None) -> None: ...

    async def fail(self, scan_id: UUID, counts: ScanCounts, message: str) -> None: ...

    async def discard(self, scan_id: UUID) -> None:
        """Remove the record of a scan that was never queued."""
        ...


class FileWriter(Protocol):
    """Keeps the catalogue's file rows in step with the disk."""

    async def remove_file(self, path: str) -> CatalogDelta:
        """Detach the file; a title left with no file leaves the catalogue."""
        ...

    async def move_file(self, old_path: str, new: FileStat) -> CatalogDelta:
        """The same file under a new path (its title stays)."""
        ...


class MovieWriter(FileWriter, Protocol):
    async def place(self, facts: MovieFacts, file: VideoFile) -> CatalogDelta:
        """Find the movie (by provider ids, else title and year, also among removed ones) or
        create it, and attach the file."""
        ...


class EpisodeWriter(FileWriter, Protocol):
    async def place(self, facts: EpisodeFacts, file: VideoFile) -> CatalogDelta:
        """Find or create series, season and episodes, and attach the file."""
        ...


FolderEvents = tuple[list[str], list[str]]


class FolderWatcher(Protocol):
    def changes(self, roots: Sequence[str], stop: asyncio.Event) -> AsyncIterator[FolderEvents]:
        """Until `stop` is set: groups of (paths added or modified, paths deleted) below
        `roots`, a few at a time as they settle."""
        ...
