"""Small real implementations of the integration ports."""

from __future__ import annotations

import uuid
from uuid import UUID

import attrs

from revenge_domain.integrations.model import (
    ArrEpisode,
    ArrFile,
    ArrItemMissing,
    ArrMovie,
    ArrSeries,
    ArrSystem,
    IntegrationUnreachable,
    QualityProfile,
    RootFolder,
    Service,
    Skipped,
    SyncReport,
    SyncStatus,
)
from revenge_domain.integrations.ports import ArrLink
from revenge_domain.ports.catalog_changes import Entity
from revenge_domain.scanning.model import CatalogDelta, EpisodeFacts, MovieFacts, VideoFile


class FakeRadarr:
    def __init__(self, movies: list[ArrMovie] | None = None) -> None:
        self.movies_by_id = {movie.id: movie for movie in movies or []}
        self.down = False

    def _up(self) -> None:
        if self.down:
            raise IntegrationUnreachable("Radarr cannot be reached")

    async def system(self) -> ArrSystem:
        self._up()
        return ArrSystem("5.2.6", "Radarr")

    async def quality_profiles(self) -> list[QualityProfile]:
        self._up()
        return [QualityProfile(4, "HD-1080p")]

    async def root_folders(self) -> list[RootFolder]:
        self._up()
        return [RootFolder(1, "/movies", True)]

    async def movies(self) -> list[ArrMovie]:
        self._up()
        return list(self.movies_by_id.values())

    async def movie(self, movie_id: int) -> ArrMovie:
        self._up()
        if movie_id not in self.movies_by_id:
            raise ArrItemMissing("no such movie")
        return self.movies_by_id[movie_id]


class FakeSonarr(FakeRadarr):
    def __init__(
        self, series: list[ArrSeries], episodes: list[ArrEpisode], files: dict[int, list[ArrFile]]
    ) -> None:
        super().__init__()
        self.series_by_id = {item.id: item for item in series}
        self.episode_list, self.files = episodes, files

    async def all_series(self) -> list[ArrSeries]:
        return list(self.series_by_id.values())

    async def series(self, series_id: int) -> ArrSeries:
        if series_id not in self.series_by_id:
            raise ArrItemMissing("no such series")
        return self.series_by_id[series_id]

    async def episodes(self, series_id: int) -> list[ArrEpisode]:
        return self.episode_list

    async def episode_files(self, series_id: int) -> list[ArrFile]:
        return self.files.get(series_id, [])


@attrs.define
class Placed:
    title_id: UUID
    library_id: UUID
    paths: set[str] = attrs.Factory(set)


class FakeArrCatalog:
    """Titles by Radarr movie id or Sonarr series id, with the paths of their files."""

    def __init__(self) -> None:
        self.movies: dict[int, Placed] = {}
        self.series: dict[int, Placed] = {}
        self.episodes: list[EpisodeFacts] = []
        self.dropped: list[tuple[int, bool]] = []

    async def place_movie(self, facts: MovieFacts, file: VideoFile, link: ArrLink) -> CatalogDelta:
        return self._place(self.movies, Entity.MOVIE, facts.library_id, file, link, replace=True)

    async def place_episodes(
        self, facts: EpisodeFacts, file: VideoFile, link: ArrLink
    ) -> CatalogDelta:
        self.episodes.append(facts)
        return self._place(
            self.series, Entity.SERIES, facts.series.library_id, file, link, replace=False
        )

    def _place(
        self,
        titles: dict[int, Placed],
        entity: Entity,
        library_id: UUID,
        file: VideoFile,
        link: ArrLink,
        replace: bool,
    ) -> CatalogDelta:
        delta = CatalogDelta()
        placed = titles.get(link.item_id)
        if placed is None:
            placed = titles[link.item_id] = Placed(uuid.uuid4(), library_id)
            created = delta.created_movies if entity is Entity.MOVIE else delta.created_series
            created.add(placed.title_id)
        if replace:
            placed.paths.clear()
        placed.paths.add(file.stat.path)
        delta.change(entity, [placed.title_id])
        return delta

    async def drop_series_files(self, series_id: int, keep: frozenset[int]) -> CatalogDelta:
        return CatalogDelta()

    async def drop_movie(self, movie_id: int, remove_files: bool) -> CatalogDelta:
        return self._drop(self.movies, Entity.MOVIE, movie_id, remove_files)

    async def drop_series(self, series_id: int, remove_files: bool) -> CatalogDelta:
        return self._drop(self.series, Entity.SERIES, series_id, remove_files)

    def _drop(
        self, titles: dict[int, Placed], entity: Entity, item_id: int, remove_files: bool
    ) -> CatalogDelta:
        delta = CatalogDelta()
        placed = titles.pop(item_id, None)
        if placed is not None:
            if remove_files:
                delta.remove(entity, [placed.title_id])
            else:
                delta.change(entity, [placed.title_id])
        self.dropped.append((item_id, remove_files))
        return delta

    async def linked(self, service: Service) -> set[int]:
        return set(self.movies if service is Service.RADARR else self.series)


class FakeSyncStates:
    def __init__(self) -> None:
        self.states: dict[Service, SyncStatus] = {}

    async def claim(self, service: Service) -> bool:
        if self.states.get(service, SyncStatus()).running:
            return False
        await self.started(service)
        return True

    async def started(self, service: Service) -> None:
        self.states[service] = attrs.evolve(self.states.get(service, SyncStatus()), running=True)

    async def finished(self, service: Service, report: SyncReport) -> None:
        self.states[service] = SyncStatus(False, None, None, report)

    async def failed(self, service: Service, error: str) -> None:
        old = self.states.get(service, SyncStatus())
        self.states[service] = attrs.evolve(old, running=False, last_error=error)

    async def skipped(self, service: Service, titles: list[Skipped]) -> None:
        old = self.states.get(service, SyncStatus())
        old.report.skipped.extend(titles)
        self.states[service] = old

    async def get(self, service: Service) -> SyncStatus:
        return self.states.get(service, SyncStatus())
