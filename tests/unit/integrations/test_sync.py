"""Radarr and Sonarr syncs against in-memory ports."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from revenge_domain.integrations import MovieSync, SeriesSync, SyncRuns
from revenge_domain.integrations.model import (
    ArrEpisode,
    ArrFile,
    ArrMovie,
    ArrSeries,
    IntegrationDisabled,
    IntegrationUnreachable,
    Service,
    Skipped,
)
from revenge_domain.integrations.sync import library_for
from revenge_domain.libraries.model import Library, LibrarySettings, LibraryType
from revenge_domain.metadata.jobs import RefreshMovieMetadata, RefreshSeriesMetadata
from revenge_domain.scanning import CatalogReport
from tests.unit.fakes.catalog_changes import RecordedChanges
from tests.unit.fakes.jobs import FakeJobQueue
from tests.unit.integrations.fakes import FakeArrCatalog, FakeRadarr, FakeSonarr, FakeSyncStates

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def library(kind: LibraryType, *paths: str) -> Library:
    return Library(uuid.uuid4(), LibrarySettings(f"{kind} {paths}", kind, paths), NOW, NOW)


class Libraries:
    def __init__(self, *libraries: Library) -> None:
        self.libraries = list(libraries)

    async def all(self) -> list[Library]:
        return self.libraries


def movie(movie_id: int, title: str, folder: str, with_file: bool = True) -> ArrMovie:
    file = ArrFile(movie_id * 10, f"{folder}/{title}.mkv", 100, "Bluray-1080p")
    return ArrMovie(
        movie_id, title, folder, 1995, movie_id + 1000, None, file if with_file else None
    )


MOVIES = library(LibraryType.MOVIE, "/media/movies")
KIDS = library(LibraryType.MOVIE, "/media/movies/kids")
SHOWS = library(LibraryType.TVSHOW, "/media/tv")


def test_the_deepest_library_folder_of_the_right_kind_holds_a_path() -> None:
    everything = [MOVIES, KIDS, SHOWS]
    assert library_for("/media/movies/kids/Up/Up.mkv", everything, LibraryType.MOVIE) is KIDS
    assert library_for("/media/movies/Heat/Heat.mkv", everything, LibraryType.MOVIE) is MOVIES
    assert library_for("/media/tv/Show", everything, LibraryType.MOVIE) is None
    assert library_for("/media/moviesX/a.mkv", everything, LibraryType.MOVIE) is None


def movie_sync(
    radarr: FakeRadarr | None, catalog: FakeArrCatalog
) -> tuple[MovieSync, FakeJobQueue]:
    queue = FakeJobQueue()
    report = CatalogReport(RecordedChanges(), queue)
    return MovieSync(radarr, catalog, Libraries(MOVIES, KIDS, SHOWS), report), queue


async def test_a_full_sync_places_movies_skips_homeless_ones_and_forgets_what_radarr_lost() -> None:
    catalog = FakeArrCatalog()
    radarr = FakeRadarr(
        [
            movie(1, "Heat", "/media/movies/Heat (1995)"),
            movie(2, "Up", "/media/movies/kids/Up (2009)"),
            movie(3, "Stray", "/elsewhere/Stray"),
        ]
    )
    sync, queue = movie_sync(radarr, catalog)
    report = await sync.full()
    assert (catalog.movies[1].library_id, catalog.movies[2].library_id) == (MOVIES.id, KIDS.id)
    assert 3 not in catalog.movies
    assert report.skipped == [
        Skipped("Stray", "/elsewhere/Stray/Stray.mkv", "no movie library holds this folder")
    ]
    assert (report.added, report.updated, report.total) == (2, 0, 3)
    created = {catalog.movies[1].title_id, catalog.movies[2].title_id}
    assert {job.movie_id for job in queue.enqueued if isinstance(job, RefreshMovieMetadata)} == (
        created
    )

    radarr.movies_by_id[1] = movie(1, "Heat", "/media/movies/Heat (1995)", with_file=False)
    del radarr.movies_by_id[2]
    again = await sync.full()
    assert (again.added, again.updated, again.removed) == (0, 0, 2)
    assert sorted(catalog.dropped) == [(1, True), (2, False)]


async def test_a_webhook_sync_of_a_movie_radarr_deleted_removes_files_only_when_it_did() -> None:
    catalog = FakeArrCatalog()
    sync, _ = movie_sync(FakeRadarr([movie(1, "Heat", "/media/movies/Heat")]), catalog)
    await sync.single(1)
    assert catalog.movies[1].paths == {"/media/movies/Heat/Heat.mkv"}
    await sync.single(1, files_deleted=False)
    assert catalog.dropped == []
    sync, _ = movie_sync(FakeRadarr(), catalog)
    await sync.single(1, files_deleted=True)
    await sync.single(2, files_deleted=False)
    assert catalog.dropped == [(1, True), (2, False)]


async def test_without_radarr_a_sync_is_disabled() -> None:
    sync, _ = movie_sync(None, FakeArrCatalog())
    with pytest.raises(IntegrationDisabled):
        await sync.full()


async def test_a_sonarr_sync_places_each_file_with_its_episodes_in_the_tv_library() -> None:
    files = {7: [ArrFile(70, "/media/tv/Show/Season 01/Show S01E01E02.mkv", 5, "HDTV-720p")]}
    episodes = [
        ArrEpisode(1, 1, 2, "Two", file_id=70),
        ArrEpisode(2, 1, 1, "One", file_id=70),
        ArrEpisode(3, 1, 3, "Three"),
    ]
    sonarr = FakeSonarr(
        [ArrSeries(7, "Show", "/media/tv/Show", 2008, tvdb_id=81189)], episodes, files
    )
    catalog, queue = FakeArrCatalog(), FakeJobQueue()
    sync = SeriesSync(
        sonarr, catalog, Libraries(MOVIES, SHOWS), CatalogReport(RecordedChanges(), queue)
    )
    report = await sync.full()
    [placed] = catalog.episodes
    assert (placed.series.library_id, placed.series.tvdb_id) == (SHOWS.id, 81189)
    assert (placed.season, placed.episodes, placed.title) == (1, (1, 2), "One")
    assert (report.added, report.episodes_added, report.total_episodes) == (1, 2, 2)
    assert [job.kind for job in queue.enqueued] == [RefreshSeriesMetadata.kind]


async def test_a_sync_run_records_its_report_or_its_failure() -> None:
    states = FakeSyncStates()
    runs = SyncRuns(states)
    catalog = FakeArrCatalog()
    radarr = FakeRadarr([movie(1, "Heat", "/media/movies/Heat")])
    sync, _ = movie_sync(radarr, catalog)
    await runs.run(Service.RADARR, sync.full)
    done = await states.get(Service.RADARR)
    assert (done.running, done.report.added) == (False, 1)

    radarr.down = True
    with pytest.raises(IntegrationUnreachable):
        await runs.run(Service.RADARR, sync.full)
    failed = await states.get(Service.RADARR)
    assert (failed.running, failed.last_error) == (False, "Radarr cannot be reached")

    off, _ = movie_sync(None, catalog)
    await runs.run(Service.RADARR, off.full)
    assert (await states.get(Service.RADARR)).last_error == "the Radarr integration is not enabled"


async def test_what_a_single_sync_skipped_joins_the_status() -> None:
    states = FakeSyncStates()
    sync, _ = movie_sync(FakeRadarr([movie(3, "Stray", "/elsewhere/Stray")]), FakeArrCatalog())
    report = await SyncRuns(states).one(Service.RADARR, sync.single(3))
    assert report.skipped == (await states.get(Service.RADARR)).report.skipped
    assert [skipped.title for skipped in report.skipped] == ["Stray"]
