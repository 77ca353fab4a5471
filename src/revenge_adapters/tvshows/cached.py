"""`TVCatalog` reads through the shared cache, keyed with the caller's readable libraries."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any
from uuid import UUID

from revenge_domain.cache_values import read_through
from revenge_domain.credits import CreditKind
from revenge_domain.languages import DEFAULT_LANGUAGE
from revenge_domain.libraries import Readable
from revenge_domain.libraries.ports import readable_key
from revenge_domain.ports.cache import Cache, key_hash
from revenge_domain.tvshows.cache_keys import (
    CREDITS,
    EPISODE,
    EPISODES,
    LIST,
    PREFIX,
    SEASON,
    SEASONS,
    SERIES,
    of,
)
from revenge_domain.tvshows.model import (
    Credit,
    Episode,
    Genre,
    Network,
    Page,
    Season,
    Series,
    SeriesOrder,
)
from revenge_domain.tvshows.ports import TVCatalog

TTL_S = 300.0
LIST_TTL_S = 60.0


class CachedTVCatalog:
    """Answers of `inner` kept in `cache` under `<family><owner>:<libraries>:<arguments>` (see
    `revenge_domain.tvshows.cache_keys`), so callers who may read different libraries never
    share an answer and a change to one series, season or episode drops only what shows it.
    `forget` drops them all."""

    def __init__(self, inner: TVCatalog, cache: Cache) -> None:
        self._inner, self._cache = inner, cache

    async def forget(self) -> None:
        await self._cache.invalidate_prefix(PREFIX)

    async def _cached(
        self,
        kind: Any,
        prefix: str,
        readable: Readable,
        args: tuple[object, ...],
        load: Callable[[], Awaitable[Any]],
        ttl_s: float = TTL_S,
    ) -> Any:
        key = f"{prefix}{readable_key(readable)}:{key_hash(*args)}"
        return await read_through(self._cache, key, kind, load, ttl_s)

    async def series_page(
        self,
        readable: Readable,
        order: SeriesOrder,
        limit: int,
        offset: int,
        language: str = DEFAULT_LANGUAGE,
    ) -> Page[Series]:
        load = lambda: self._inner.series_page(readable, order, limit, offset, language)  # noqa: E731
        args = (order.value, limit, offset, language)
        page: Page[Series] = await self._cached(
            Page[Series], LIST, readable, args, load, LIST_TTL_S
        )
        return page

    async def series(
        self, readable: Readable, series_id: UUID, language: str = DEFAULT_LANGUAGE
    ) -> Series | None:
        load = lambda: self._inner.series(readable, series_id, language)  # noqa: E731
        found: Series | None = await self._cached(
            Series | None, of(SERIES, series_id), readable, ("series", language), load
        )
        return found

    async def seasons(self, readable: Readable, series_id: UUID) -> list[Season] | None:
        load = lambda: self._inner.seasons(readable, series_id)  # noqa: E731
        found: list[Season] | None = await self._cached(
            list[Season] | None, of(SEASONS, series_id), readable, (), load
        )
        return found

    async def season(self, readable: Readable, season_id: UUID) -> Season | None:
        load = lambda: self._inner.season(readable, season_id)  # noqa: E731
        found: Season | None = await self._cached(
            Season | None, of(SEASON, season_id), readable, (), load
        )
        return found

    async def season_episodes(self, readable: Readable, season_id: UUID) -> list[Episode] | None:
        load = lambda: self._inner.season_episodes(readable, season_id)  # noqa: E731
        found: list[Episode] | None = await self._cached(
            list[Episode] | None, of(EPISODES, season_id), readable, (), load
        )
        return found

    async def episode(self, readable: Readable, episode_id: UUID) -> Episode | None:
        load = lambda: self._inner.episode(readable, episode_id)  # noqa: E731
        found: Episode | None = await self._cached(
            Episode | None, of(EPISODE, episode_id), readable, (), load
        )
        return found

    async def credits(
        self, readable: Readable, series_id: UUID, kind: CreditKind, limit: int, offset: int
    ) -> Page[Credit] | None:
        load = lambda: self._inner.credits(readable, series_id, kind, limit, offset)  # noqa: E731
        args = (kind.value, limit, offset)
        found: Page[Credit] | None = await self._cached(
            Page[Credit] | None, of(CREDITS, series_id), readable, args, load
        )
        return found

    async def genres(self, readable: Readable, series_id: UUID) -> list[Genre] | None:
        load = lambda: self._inner.genres(readable, series_id)  # noqa: E731
        found: list[Genre] | None = await self._cached(
            list[Genre] | None, of(SERIES, series_id), readable, ("genres",), load
        )
        return found

    async def networks(self, readable: Readable, series_id: UUID) -> list[Network] | None:
        load = lambda: self._inner.networks(readable, series_id)  # noqa: E731
        found: list[Network] | None = await self._cached(
            list[Network] | None, of(SERIES, series_id), readable, ("networks",), load
        )
        return found
