"""The Radarr and Sonarr v3 API clients."""

from __future__ import annotations

from revenge_adapters.integrations import wire
from revenge_adapters.integrations.http import ArrHttp
from revenge_domain.integrations.model import (
    ArrEpisode,
    ArrFile,
    ArrMovie,
    ArrSeries,
    ArrSystem,
    QualityProfile,
    RootFolder,
)


class _ArrApi:
    def __init__(self, http: ArrHttp) -> None:
        self._http = http

    async def close(self) -> None:
        await self._http.close()

    async def system(self) -> ArrSystem:
        return wire.system(await self._http.get("/api/v3/system/status"))

    async def quality_profiles(self) -> list[QualityProfile]:
        return wire.quality_profiles(await self._http.get("/api/v3/qualityprofile"))

    async def root_folders(self) -> list[RootFolder]:
        return wire.root_folders(await self._http.get("/api/v3/rootfolder"))


class RadarrApi(_ArrApi):
    async def movies(self) -> list[ArrMovie]:
        return wire.movies(await self._http.get("/api/v3/movie"))

    async def movie(self, movie_id: int) -> ArrMovie:
        return wire.movie(await self._http.get(f"/api/v3/movie/{movie_id}"))


class SonarrApi(_ArrApi):
    async def all_series(self) -> list[ArrSeries]:
        return wire.all_series(await self._http.get("/api/v3/series"))

    async def series(self, series_id: int) -> ArrSeries:
        return wire.series(await self._http.get(f"/api/v3/series/{series_id}"))

    async def episodes(self, series_id: int) -> list[ArrEpisode]:
        return wire.episodes(await self._http.get("/api/v3/episode", {"seriesId": series_id}))

    async def episode_files(self, series_id: int) -> list[ArrFile]:
        raw = await self._http.get("/api/v3/episodefile", {"seriesId": series_id})
        return wire.episode_files(raw)
