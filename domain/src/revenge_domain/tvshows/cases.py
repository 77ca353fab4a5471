"""Use cases of the TV endpoints: every read asks which libraries the caller may read first."""

from __future__ import annotations

from typing import TypeVar
from uuid import UUID

import attrs

from revenge_domain.credits import CreditKind
from revenge_domain.errors import NotFound
from revenge_domain.identity.access import Principal
from revenge_domain.languages import CatalogLanguage
from revenge_domain.libraries import LibraryAccess, Readable
from revenge_domain.paging import check_page
from revenge_domain.tvshows.model import (
    Credit,
    Episode,
    Genre,
    Network,
    Page,
    Progress,
    Season,
    Series,
    SeriesOrder,
    bulk_ids,
    next_episode,
)
from revenge_domain.tvshows.ports import TVCatalog, WatchState

T = TypeVar("T")


def found(value: T | None, what: str, item_id: UUID) -> T:
    if value is None:
        raise NotFound(f"{what} not found", {"id": str(item_id)})
    return value


@attrs.frozen
class TVShows:
    """Reading the TV catalogue; series texts in the caller's language (`requested` is the
    client's, e.g. from Accept-Language; a saved preference goes first)."""

    access: LibraryAccess
    catalog: TVCatalog
    language: CatalogLanguage = attrs.field(factory=CatalogLanguage)

    async def _readable(self, principal: Principal) -> Readable:
        return await self.access.readable_library_ids(principal)

    async def series_page(
        self,
        principal: Principal,
        order: SeriesOrder,
        limit: int,
        offset: int,
        requested: str | None = None,
    ) -> Page[Series]:
        check_page(limit, offset)
        readable = await self._readable(principal)
        language = await self.language.of(principal, requested)
        return await self.catalog.series_page(readable, order, limit, offset, language)

    async def recently_added(
        self, principal: Principal, limit: int, offset: int, requested: str | None = None
    ) -> Page[Series]:
        return await self.series_page(principal, SeriesOrder.CREATED_AT, limit, offset, requested)

    async def get(
        self, principal: Principal, series_id: UUID, requested: str | None = None
    ) -> Series:
        language = await self.language.of(principal, requested)
        series = await self.catalog.series(await self._readable(principal), series_id, language)
        return found(series, "series", series_id)

    async def seasons(self, principal: Principal, series_id: UUID) -> list[Season]:
        seasons = await self.catalog.seasons(await self._readable(principal), series_id)
        return found(seasons, "series", series_id)

    async def season(self, principal: Principal, season_id: UUID) -> Season:
        season = await self.catalog.season(await self._readable(principal), season_id)
        return found(season, "season", season_id)

    async def season_episodes(self, principal: Principal, season_id: UUID) -> list[Episode]:
        episodes = await self.catalog.season_episodes(await self._readable(principal), season_id)
        return found(episodes, "season", season_id)

    async def episode(self, principal: Principal, episode_id: UUID) -> Episode:
        episode = await self.catalog.episode(await self._readable(principal), episode_id)
        return found(episode, "episode", episode_id)

    async def credits(
        self, principal: Principal, series_id: UUID, kind: CreditKind, limit: int, offset: int
    ) -> Page[Credit]:
        check_page(limit, offset)
        readable = await self._readable(principal)
        page = await self.catalog.credits(readable, series_id, kind, limit, offset)
        return found(page, "series", series_id)

    async def genres(self, principal: Principal, series_id: UUID) -> list[Genre]:
        genres = await self.catalog.genres(await self._readable(principal), series_id)
        return found(genres, "series", series_id)

    async def networks(self, principal: Principal, series_id: UUID) -> list[Network]:
        networks = await self.catalog.networks(await self._readable(principal), series_id)
        return found(networks, "series", series_id)


@attrs.frozen
class TVWatching:
    """Each user's progress through the episodes they may read."""

    access: LibraryAccess
    watch: WatchState

    async def _readable(self, principal: Principal) -> Readable:
        return await self.access.readable_library_ids(principal)

    async def progress(self, principal: Principal, episode_id: UUID) -> Progress:
        readable = await self._readable(principal)
        progress = await self.watch.progress(principal.user_id, readable, episode_id)
        return found(progress, "progress", episode_id)

    async def update(
        self, principal: Principal, episode_id: UUID, progress_seconds: int, duration_seconds: int
    ) -> Progress:
        readable = await self._readable(principal)
        saved = await self.watch.save_progress(
            principal.user_id, readable, episode_id, progress_seconds, duration_seconds
        )
        return found(saved, "episode", episode_id)

    async def delete(self, principal: Principal, episode_id: UUID) -> None:
        readable = await self._readable(principal)
        if not await self.watch.delete_progress(principal.user_id, readable, episode_id):
            raise NotFound("progress not found", {"id": str(episode_id)})

    async def next_episode(self, principal: Principal, series_id: UUID) -> Episode:
        readable = await self._readable(principal)
        episodes = await self.watch.series_episodes(principal.user_id, readable, series_id)
        upcoming = next_episode(found(episodes, "series", series_id))
        return found(upcoming, "next episode", series_id)

    async def mark_episodes(self, principal: Principal, episode_ids: list[UUID]) -> int:
        wanted = bulk_ids(episode_ids)
        readable = await self._readable(principal)
        return await self.watch.mark_episodes(principal.user_id, readable, wanted)

    async def mark_season(self, principal: Principal, season_id: UUID) -> int:
        readable = await self._readable(principal)
        return await self.watch.mark_season(principal.user_id, readable, season_id)
