"""In-memory stand-ins for the TV ports: a fixed read filter and watch state over episodes."""

from __future__ import annotations

from uuid import UUID

import attrs

from revenge_domain.identity.access import Principal
from revenge_domain.libraries import ALL, Readable
from revenge_domain.tvshows import Episode, Progress, WatchedEpisode


@attrs.define
class FixedAccess:
    """Every caller may read the same libraries."""

    readable: Readable

    async def readable_library_ids(self, principal: Principal) -> Readable:
        return self.readable

    async def forget(self, user_id: UUID) -> None:
        return None

    async def forget_everyone(self) -> None:
        return None


@attrs.define
class InMemoryWatchState:
    """Episodes by library, and the (user, episode) pairs marked completed."""

    episodes: dict[UUID, tuple[UUID, Episode]] = attrs.Factory(dict)
    completed: set[tuple[UUID, UUID]] = attrs.Factory(set)
    mark_calls: list[list[UUID]] = attrs.Factory(list)

    def add(self, library_id: UUID, episode: Episode) -> None:
        self.episodes[episode.id] = (library_id, episode)

    def _visible(self, readable: Readable) -> list[Episode]:
        return [
            episode
            for library_id, episode in self.episodes.values()
            if readable is ALL or library_id in readable
        ]

    async def progress(
        self, user_id: UUID, readable: Readable, episode_id: UUID
    ) -> Progress | None:
        return None

    async def save_progress(
        self,
        user_id: UUID,
        readable: Readable,
        episode_id: UUID,
        progress_seconds: int,
        duration_seconds: int,
    ) -> Progress | None:
        return None

    async def delete_progress(self, user_id: UUID, readable: Readable, episode_id: UUID) -> bool:
        return False

    async def series_episodes(
        self, user_id: UUID, readable: Readable, series_id: UUID
    ) -> list[WatchedEpisode] | None:
        of_series = [e for e in self._visible(readable) if e.series_id == series_id]
        if not of_series:
            return None
        return [WatchedEpisode(e, (user_id, e.id) in self.completed) for e in of_series]

    async def mark_episodes(
        self, user_id: UUID, readable: Readable, episode_ids: list[UUID]
    ) -> int:
        self.mark_calls.append(episode_ids)
        visible = {episode.id for episode in self._visible(readable)}
        marked = [episode_id for episode_id in episode_ids if episode_id in visible]
        self.completed.update((user_id, episode_id) for episode_id in marked)
        return len(marked)

    async def mark_season(self, user_id: UUID, readable: Readable, season_id: UUID) -> int:
        ids = [e.id for e in self._visible(readable) if e.season_id == season_id]
        return await self.mark_episodes(user_id, readable, ids)
