"""Scanning use cases over in-memory ports, with jobs run inline by the app's handlers."""

from __future__ import annotations

import attrs

from revenge_adapters.jobs.handlers import JobHandlers
from revenge_app.scanning.jobs import register_scan_jobs
from revenge_domain.libraries import Library, LibrarySettings, LibraryType
from revenge_domain.scanning import (
    CatalogReport,
    FileChanges,
    FolderChanges,
    LibraryScans,
    MatchFile,
    ScanLibrary,
    Scanning,
)
from tests.unit.fakes.catalog_changes import RecordedChanges
from tests.unit.fakes.jobs import FakeJobQueue
from tests.unit.fakes.libraries import InMemoryLibraryStore
from tests.unit.scanning.fakes import (
    FakeDisk,
    FakeEpisodeWriter,
    FakeFileStates,
    FakeMovieWriter,
    FakeProber,
    FakeScanRecords,
    FakeSidecars,
    SimpleNames,
)

MOVIES, SHOWS = "/media/movies", "/media/shows"


@attrs.define
class World:
    libraries: InMemoryLibraryStore = attrs.Factory(InMemoryLibraryStore)
    disk: FakeDisk = attrs.Factory(FakeDisk)
    sidecars: FakeSidecars = attrs.Factory(FakeSidecars)
    prober: FakeProber = attrs.Factory(FakeProber)
    files: FakeFileStates = attrs.Factory(FakeFileStates)
    records: FakeScanRecords = attrs.Factory(FakeScanRecords)
    movies: FakeMovieWriter = attrs.Factory(FakeMovieWriter)
    episodes: FakeEpisodeWriter = attrs.Factory(FakeEpisodeWriter)
    changes: RecordedChanges = attrs.Factory(RecordedChanges)
    handlers: JobHandlers = attrs.Factory(JobHandlers)
    queue: FakeJobQueue = attrs.field(init=False)
    scanning: Scanning = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self.queue = FakeJobQueue(self.handlers)
        match = MatchFile(
            libraries=self.libraries,
            files=self.files,
            walker=self.disk,
            names=SimpleNames(),
            sidecars=self.sidecars,
            movies=self.movies,
            episodes=self.episodes,
            report=CatalogReport(self.changes, self.queue),
            prober=self.prober,
        )
        file_changes = FileChanges(self.files, match)
        self.scanning = Scanning(
            libraries=self.libraries,
            scans=LibraryScans(self.libraries, self.records, self.queue),
            scan_library=ScanLibrary(
                self.libraries, self.records, self.files, self.disk, file_changes, self.queue
            ),
            match_file=match,
            folder_changes=FolderChanges(file_changes, self.disk),
        )
        register_scan_jobs(self.handlers, self.scanning)

    async def library(self, kind: LibraryType = LibraryType.MOVIE, **settings: object) -> Library:
        folder = MOVIES if kind is LibraryType.MOVIE else SHOWS
        wanted = LibrarySettings(f"{kind.value} library", kind, (folder,))
        return await self.libraries.add(attrs.evolve(wanted, **settings))

    def jobs_of(self, kind: str) -> list[object]:
        return [job for job in self.queue.enqueued if job.kind == kind]
