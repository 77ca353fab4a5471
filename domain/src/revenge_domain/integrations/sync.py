"""Syncs from Radarr and Sonarr: their titles with files, placed in the library holding them."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence

import attrs

from revenge_domain.integrations.model import (
    ArrEpisode,
    ArrFile,
    ArrItemMissing,
    ArrMovie,
    ArrSeries,
    IntegrationDisabled,
    Service,
    Skipped,
    SyncReport,
)
from revenge_domain.integrations.ports import (
    ArrCatalog,
    ArrLink,
    Libraries,
    RadarrClient,
    SonarrClient,
    SyncStates,
)
from revenge_domain.libraries.model import Library, LibraryType
from revenge_domain.scanning import CatalogReport
from revenge_domain.scanning.model import (
    EpisodeFacts,
    FileStat,
    MovieFacts,
    SeriesFacts,
    VideoFile,
)
from revenge_domain.scanning.naming import relative_to_root

log = logging.getLogger(__name__)


def library_for(path: str, libraries: Sequence[Library], kind: LibraryType) -> Library | None:
    """The library of `kind` whose folder holds `path` (the deepest folder wins)."""
    best: tuple[int, Library] | None = None
    for library in libraries:
        if library.settings.type is not kind:
            continue
        where = relative_to_root(path, library.settings.paths)
        if where is not None and (best is None or len(where[0]) > best[0]):
            best = (len(where[0]), library)
    return None if best is None else best[1]


def _video(file: ArrFile) -> VideoFile:
    return VideoFile(FileStat(file.path, file.size, 0), file.media)


def _skip(report: SyncReport, title: str, path: str, what: str) -> None:
    reason = f"no {what} library holds this folder"
    report.skipped.append(Skipped(title, path, reason))
    log.warning("integration sync skipped a title", extra={"fields": {"path": path}})


@attrs.frozen
class MovieSync:
    """Radarr's movies with a file, created or updated in our catalogue."""

    client: RadarrClient | None
    catalog: ArrCatalog
    libraries: Libraries
    report: CatalogReport

    def _radarr(self) -> RadarrClient:
        if self.client is None:
            raise IntegrationDisabled("the Radarr integration is not enabled")
        return self.client

    async def full(self) -> SyncReport:
        movies = await self._radarr().movies()
        libraries = await self.libraries.all()
        report = SyncReport()
        for movie in movies:
            if movie.file is not None:
                report.total += 1
                await self._place(movie, movie.file, libraries, report)
        fileless = {movie.id for movie in movies if movie.file is None}
        known = {movie.id for movie in movies}
        linked = await self.catalog.linked(Service.RADARR)
        for movie_id in sorted((linked - known) | (linked & fileless)):
            await self._drop(movie_id, movie_id in fileless, report)
        return report

    async def single(self, movie_id: int, files_deleted: bool = False) -> SyncReport:
        """One movie again (a webhook's movie); gone from Radarr: forgotten."""
        report = SyncReport()
        try:
            movie = await self._radarr().movie(movie_id)
        except ArrItemMissing:
            await self._drop(movie_id, files_deleted, report)
            return report
        if movie.file is None:
            await self._drop(movie_id, True, report)
        else:
            report.total = 1
            await self._place(movie, movie.file, await self.libraries.all(), report)
        return report

    async def _place(
        self, movie: ArrMovie, file: ArrFile, libraries: list[Library], report: SyncReport
    ) -> None:
        library = library_for(file.path, libraries, LibraryType.MOVIE)
        if library is None:
            _skip(report, movie.title, file.path, "movie")
            return
        facts = MovieFacts(
            library.id, movie.title, movie.year, tmdb_id=movie.tmdb_id, imdb_id=movie.imdb_id
        )
        delta = await self.catalog.place_movie(facts, _video(file), ArrLink(movie.id, file))
        if delta.created_movies:
            report.added += 1
        else:
            report.updated += 1
        await self.report(delta)

    async def _drop(self, movie_id: int, remove_files: bool, report: SyncReport) -> None:
        delta = await self.catalog.drop_movie(movie_id, remove_files)
        if any(delta.removed.values()) or any(delta.changed.values()):
            report.removed += 1
        await self.report(delta)


@attrs.frozen
class SeriesSync:
    """Sonarr's series and their episode files, created or updated in our catalogue."""

    client: SonarrClient | None
    catalog: ArrCatalog
    libraries: Libraries
    report: CatalogReport

    def _sonarr(self) -> SonarrClient:
        if self.client is None:
            raise IntegrationDisabled("the Sonarr integration is not enabled")
        return self.client

    async def full(self) -> SyncReport:
        all_series = await self._sonarr().all_series()
        libraries = await self.libraries.all()
        report = SyncReport(total=len(all_series))
        for series in all_series:
            await self._place(series, libraries, report)
        known = {series.id for series in all_series}
        for series_id in sorted(await self.catalog.linked(Service.SONARR) - known):
            await self._drop(series_id, False, report)
        return report

    async def single(self, series_id: int, files_deleted: bool = False) -> SyncReport:
        report = SyncReport(total=1)
        try:
            series = await self._sonarr().series(series_id)
        except ArrItemMissing:
            await self._drop(series_id, files_deleted, report)
            return report
        await self._place(series, await self.libraries.all(), report)
        return report

    async def _place(self, series: ArrSeries, libraries: list[Library], report: SyncReport) -> None:
        sonarr = self._sonarr()
        files = await sonarr.episode_files(series.id)
        if files:
            library = library_for(series.path, libraries, LibraryType.TVSHOW)
            if library is None:
                _skip(report, series.title, series.path, "TV show")
                return
            episodes = await sonarr.episodes(series.id)
            await self._place_files(series, library, files, episodes, report)
        keep = frozenset(file.id for file in files)
        await self.report(await self.catalog.drop_series_files(series.id, keep))

    async def _place_files(
        self,
        series: ArrSeries,
        library: Library,
        files: list[ArrFile],
        episodes: list[ArrEpisode],
        report: SyncReport,
    ) -> None:
        by_file: dict[int, list[ArrEpisode]] = defaultdict(list)
        for episode in episodes:
            if episode.file_id:
                by_file[episode.file_id].append(episode)
        facts = SeriesFacts(
            library.id,
            series.title,
            series.year,
            tmdb_id=series.tmdb_id,
            tvdb_id=series.tvdb_id,
            imdb_id=series.imdb_id,
        )
        created, placed = False, 0
        for file in files:
            numbers = sorted(by_file.get(file.id, []), key=lambda e: (e.season, e.number))
            if not numbers:
                continue
            first = numbers[0]
            placing = EpisodeFacts(
                facts,
                first.season,
                tuple(e.number for e in numbers if e.season == first.season),
                title=first.title,
                overview=first.overview,
                air_date=first.air_date,
            )
            link = ArrLink(series.id, file)
            delta = await self.catalog.place_episodes(placing, _video(file), link)
            created = created or bool(delta.created_series)
            placed += len(placing.episodes)
            await self.report(delta)
        report.total_episodes += placed
        if created:
            report.added, report.episodes_added = report.added + 1, report.episodes_added + placed
        else:
            report.updated += 1
            report.episodes_updated += placed

    async def _drop(self, series_id: int, remove_files: bool, report: SyncReport) -> None:
        delta = await self.catalog.drop_series(series_id, remove_files)
        if any(delta.removed.values()) or any(delta.changed.values()):
            report.removed += 1
        await self.report(delta)


@attrs.frozen
class SyncRuns:
    """Runs a full sync and keeps its status (running, last sync, counts, last error)."""

    states: SyncStates

    async def run(self, service: Service, sync: Callable[[], Awaitable[SyncReport]]) -> None:
        await self.states.started(service)
        try:
            report = await sync()
        except Exception as exc:
            await self.states.failed(service, str(exc) or type(exc).__name__)
            if isinstance(exc, IntegrationDisabled):
                return
            raise
        await self.states.finished(service, report)

    async def one(self, service: Service, sync: Awaitable[SyncReport]) -> SyncReport:
        """A sync of one movie or series (a webhook's); what it skipped joins the status."""
        report = await sync
        if report.skipped:
            await self.states.skipped(service, report.skipped)
        return report


@attrs.frozen
class IntegrationSyncs:
    """What the integration jobs run."""

    movies: MovieSync
    series: SeriesSync
    runs: SyncRuns
