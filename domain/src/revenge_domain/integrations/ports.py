"""Ports of the Radarr and Sonarr integrations."""

from __future__ import annotations

from typing import Protocol

import attrs

from revenge_domain.integrations.model import (
    ArrEpisode,
    ArrFile,
    ArrMovie,
    ArrSeries,
    ArrSystem,
    QualityProfile,
    RootFolder,
    Service,
    Skipped,
    SyncReport,
    SyncStatus,
)
from revenge_domain.libraries.model import Library
from revenge_domain.scanning.model import CatalogDelta, EpisodeFacts, MovieFacts, VideoFile


class ArrClient(Protocol):
    """What Radarr and Sonarr both answer. Failures raise `IntegrationUnreachable`."""

    async def system(self) -> ArrSystem: ...

    async def quality_profiles(self) -> list[QualityProfile]: ...

    async def root_folders(self) -> list[RootFolder]: ...


class RadarrClient(ArrClient, Protocol):
    async def movies(self) -> list[ArrMovie]: ...

    async def movie(self, movie_id: int) -> ArrMovie:
        """Raises `ArrItemMissing` when Radarr does not know it."""


class SonarrClient(ArrClient, Protocol):
    async def all_series(self) -> list[ArrSeries]: ...

    async def series(self, series_id: int) -> ArrSeries:
        """Raises `ArrItemMissing` when Sonarr does not know it."""

    async def episodes(self, series_id: int) -> list[ArrEpisode]: ...

    async def episode_files(self, series_id: int) -> list[ArrFile]: ...


class Libraries(Protocol):
    async def all(self) -> list[Library]: ...


@attrs.frozen
class ArrLink:
    """Which Radarr movie or Sonarr series a title is, and which of its files a file is."""

    item_id: int
    file: ArrFile


class ArrCatalog(Protocol):
    """The catalogue as the integrations write it: titles placed like a scan places them,
    remembered with their Radarr/Sonarr ids."""

    async def place_movie(self, facts: MovieFacts, file: VideoFile, link: ArrLink) -> CatalogDelta:
        """The movie and its file, linked to the Radarr movie; other Radarr files of that
        movie are removed."""

    async def place_episodes(
        self, facts: EpisodeFacts, file: VideoFile, link: ArrLink
    ) -> CatalogDelta: ...

    async def drop_series_files(self, series_id: int, keep: frozenset[int]) -> CatalogDelta:
        """Removes the Sonarr files of that series whose Sonarr file id is not in `keep`."""

    async def drop_movie(self, movie_id: int, remove_files: bool) -> CatalogDelta:
        """Forgets the Radarr movie: its Radarr files go when `remove_files`, else only the link."""

    async def drop_series(self, series_id: int, remove_files: bool) -> CatalogDelta: ...

    async def linked(self, service: Service) -> set[int]:
        """The Radarr movie ids (or Sonarr series ids) the catalogue holds."""


class SyncStates(Protocol):
    """The last sync of each service, and whether one is running."""

    async def claim(self, service: Service) -> bool:
        """Marks a sync as running; False when one already is (and is not stale)."""

    async def started(self, service: Service) -> None:
        """Marks a sync as running, whether or not it was claimed."""

    async def finished(self, service: Service, report: SyncReport) -> None: ...

    async def failed(self, service: Service, error: str) -> None: ...

    async def skipped(self, service: Service, titles: list[Skipped]) -> None:
        """Adds titles a sync of one movie or series left out to the last sync's list."""

    async def get(self, service: Service) -> SyncStatus: ...
