"""What a user watches across the TV catalogue: where to resume, how far they are, what aired
and what airs next, the files of an episode, and marking one episode watched."""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol
from uuid import UUID

import attrs

from revenge_domain.errors import InvalidInput, NotFound
from revenge_domain.identity.access import Principal
from revenge_domain.libraries import LibraryAccess, Readable
from revenge_domain.media_files import MediaFile
from revenge_domain.paging import check_page
from revenge_domain.tvshows.cases import found
from revenge_domain.tvshows.model import Episode


@attrs.frozen(kw_only=True)
class EpisodeFile(MediaFile):
    episode_id: UUID
    sonarr_file_id: int | None = None


@attrs.frozen
class AiredEpisode:
    """An episode with the title and poster of its series, for lists across series."""

    id: UUID
    series_id: UUID
    series_title: str
    season_id: UUID
    season_number: int
    episode_number: int
    title: str
    created_at: datetime
    series_poster_path: str | None = None
    tmdb_id: int | None = None
    tvdb_id: int | None = None
    overview: str | None = None
    air_date: date | None = None
    runtime: int | None = None
    still_path: str | None = None


@attrs.frozen
class ResumePoint:
    """The episode of a series the user stopped in, and where."""

    series_id: UUID
    series_title: str
    episode_id: UUID
    episode_title: str
    season_number: int
    episode_number: int
    progress_seconds: int
    duration_seconds: int
    last_watched_at: datetime
    series_poster_path: str | None = None

    @property
    def progress_percent(self) -> float:
        if self.duration_seconds <= 0:
            return 0.0
        return min(100.0, 100.0 * self.progress_seconds / self.duration_seconds)


@attrs.frozen
class SeriesStats:
    """How far one user is through one series."""

    series_id: UUID
    total_episodes: int
    watched_episodes: int
    total_runtime_minutes: int
    watched_runtime_minutes: int
    last_watched_at: datetime | None = None

    @property
    def completion_percent(self) -> float:
        if self.total_episodes <= 0:
            return 0.0
        return 100.0 * self.watched_episodes / self.total_episodes


@attrs.frozen
class UserStats:
    """One user's totals over the series they may read."""

    user_id: UUID
    total_series: int
    total_episodes_watched: int
    total_watch_time_minutes: int
    completed_series: int
    current_series: int


class ViewingRecord(Protocol):
    """Reads across series for one user, and single marks. Like every TV port, it keeps only
    series of the `readable` libraries inside the query; per-item reads answer None when the
    item is not readable (or does not exist)."""

    async def series_episodes(self, readable: Readable, series_id: UUID) -> list[Episode] | None:
        """Every episode of the series by season and episode number."""
        ...

    async def episode_files(
        self, readable: Readable, episode_id: UUID
    ) -> list[EpisodeFile] | None: ...

    async def aired(
        self, readable: Readable, upcoming: bool, limit: int, offset: int
    ) -> list[AiredEpisode]:
        """Episodes that aired by today, latest first; or, if `upcoming`, that air after
        today, soonest first."""
        ...

    async def resume_points(
        self, user_id: UUID, readable: Readable, limit: int
    ) -> list[ResumePoint]:
        """Per series, the latest episode started and not completed; latest first."""
        ...

    async def series_stats(
        self, user_id: UUID, readable: Readable, series_id: UUID
    ) -> SeriesStats | None: ...

    async def user_stats(self, user_id: UUID, readable: Readable) -> UserStats: ...

    async def mark_episode(
        self, user_id: UUID, readable: Readable, episode_id: UUID, duration_seconds: int | None
    ) -> bool:
        """Mark the episode completed (duration from its runtime unless given); False if it
        is not readable."""
        ...


@attrs.frozen
class TVViewing:
    """Use cases over `ViewingRecord`, each asking first which libraries the caller may read."""

    access: LibraryAccess
    record: ViewingRecord

    async def _readable(self, principal: Principal) -> Readable:
        return await self.access.readable_library_ids(principal)

    async def series_episodes(self, principal: Principal, series_id: UUID) -> list[Episode]:
        episodes = await self.record.series_episodes(await self._readable(principal), series_id)
        return found(episodes, "series", series_id)

    async def episode_files(self, principal: Principal, episode_id: UUID) -> list[EpisodeFile]:
        files = await self.record.episode_files(await self._readable(principal), episode_id)
        return found(files, "episode", episode_id)

    async def recent(self, principal: Principal, limit: int, offset: int) -> list[AiredEpisode]:
        check_page(limit, offset)
        return await self.record.aired(await self._readable(principal), False, limit, offset)

    async def upcoming(self, principal: Principal, limit: int, offset: int) -> list[AiredEpisode]:
        check_page(limit, offset)
        return await self.record.aired(await self._readable(principal), True, limit, offset)

    async def continue_watching(self, principal: Principal, limit: int) -> list[ResumePoint]:
        check_page(limit, 0)
        readable = await self._readable(principal)
        return await self.record.resume_points(principal.user_id, readable, limit)

    async def series_stats(self, principal: Principal, series_id: UUID) -> SeriesStats:
        readable = await self._readable(principal)
        stats = await self.record.series_stats(principal.user_id, readable, series_id)
        return found(stats, "series", series_id)

    async def user_stats(self, principal: Principal) -> UserStats:
        return await self.record.user_stats(principal.user_id, await self._readable(principal))

    async def mark_episode(
        self, principal: Principal, episode_id: UUID, duration_seconds: int | None
    ) -> None:
        if duration_seconds is not None and duration_seconds < 1:
            raise InvalidInput("duration_seconds must be positive", {"field": "duration_seconds"})
        readable = await self._readable(principal)
        marked = await self.record.mark_episode(
            principal.user_id, readable, episode_id, duration_seconds
        )
        if not marked:
            raise NotFound("episode not found", {"id": str(episode_id)})
