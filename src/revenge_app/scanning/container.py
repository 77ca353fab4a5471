"""Library scans, file matching, folder watching and the recovery of scans whose run died."""

from __future__ import annotations

from aiohttp import web
from dependency_injector import containers, providers
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.libraries import PgLibraryStore
from revenge_adapters.scanning import (
    FfprobeProber,
    GuessitNames,
    LocalFolderWalker,
    LocalSidecars,
    PgEpisodeWriter,
    PgFileStates,
    PgMovieWriter,
    PgScanRecords,
    WatchfilesWatcher,
    find_ffprobe,
)
from revenge_adapters.scanning.recent import RecentLibraries
from revenge_adapters.scanning.refresh_outbox import PgRefreshOutbox
from revenge_app.config import ScanningConfig
from revenge_domain.ports.catalog_changes import CatalogChanges
from revenge_domain.ports.events import EventBus
from revenge_domain.ports.jobs import JobQueue
from revenge_domain.scanning import (
    CatalogReport,
    FileChanges,
    FolderChanges,
    LibraryScans,
    MatchFile,
    ScanLibrary,
    Scanning,
)
from revenge_domain.scanning.leases import RecoverScanning, TakeOver
from revenge_domain.scanning.ports import MediaProber
from revenge_domain.scanning.realtime import WatchLibraries

SCANS = web.AppKey("scans", LibraryScans)


def media_prober(settings: ScanningConfig) -> MediaProber | None:
    """ffprobe when probing is on and it is installed; None probes nothing."""
    executable = find_ffprobe(settings.ffprobe_path) if settings.probe else None
    return FfprobeProber(executable, settings.probe_timeout_s) if executable else None


def build_scanning(
    sessions: async_sessionmaker[AsyncSession],
    queue: JobQueue,
    changes: CatalogChanges,
    settings: ScanningConfig,
    events: EventBus | None = None,
) -> Scanning:
    store, files, walker = PgLibraryStore(sessions), PgFileStates(sessions), LocalFolderWalker()
    records = PgScanRecords(sessions)
    match = MatchFile(
        libraries=RecentLibraries(store),
        files=files,
        walker=walker,
        names=GuessitNames(),
        sidecars=LocalSidecars(),
        movies=PgMovieWriter(sessions),
        episodes=PgEpisodeWriter(sessions),
        report=CatalogReport(changes, queue),
        prober=media_prober(settings),
        events=events,
    )
    file_changes = FileChanges(files, match)
    return Scanning(
        libraries=store,
        scans=LibraryScans(store, records, queue),
        scan_library=ScanLibrary(store, records, files, walker, file_changes, queue),
        match_file=match,
        folder_changes=FolderChanges(file_changes, walker),
    )


def watch_libraries(scanning: Scanning, settings: ScanningConfig) -> WatchLibraries:
    return WatchLibraries(
        scanning.libraries,
        WatchfilesWatcher(),
        scanning.folder_changes,
        refresh_s=settings.monitor_refresh_s,
        catch_up=scanning.scans.catch_up,
    )


def scan_recovery(
    scanning: Scanning, sessions: async_sessionmaker[AsyncSession], settings: ScanningConfig
) -> RecoverScanning:
    scan = scanning.scan_library
    return RecoverScanning(
        libraries=scanning.libraries,
        records=scan.records,
        files=scan.files,
        jobs=scan.jobs,
        take_over=TakeOver(scan.records, scan.jobs),
        match_after_s=settings.match_relay_after_s,
        outbox=PgRefreshOutbox(sessions),
        report=scanning.match_file.report,
    )


class ScanningContainer(containers.DeclarativeContainer):
    core = providers.DependenciesContainer()
    # Hears of every title a scan adds, changes or removes.
    changes: providers.Dependency[CatalogChanges] = providers.Dependency()

    settings = core.config.provided.scanning
    scanning = providers.Singleton(
        build_scanning, core.sessions, core.queue, changes, settings, core.events
    )
    scans = scanning.provided.scans
    watchers = providers.Singleton(watch_libraries, scanning, settings)
    recovery = providers.Singleton(scan_recovery, scanning, core.sessions, settings)
    events = core.events
