"""`TVCatalog` reads through the shared cache, keyed with the caller's readable libraries."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime
from typing import Any
from uuid import UUID

from cattrs.preconf.json import make_converter

from revenge_domain.libraries import ALL, Readable
from revenge_domain.ports.cache import Cache, key_hash
from revenge_domain.tvshows.model import (
    Credit,
    CreditKind,
    Episode,
    Genre,
    Network,
    Page,
    Season,
    Series,
    SeriesOrder,
)
from revenge_domain.tvshows.ports import TVCatalog

KEY_PREFIX = "tvshow:"
TTL_S = 300.0
LIST_TTL_S = 60.0

_json = make_converter()
_json.register_unstructure_hook(UUID, str)
_json.register_structure_hook(UUID, lambda value, _: UUID(value))
_json.register_unstructure_hook(date, date.isoformat)
_json.register_structure_hook(date, lambda value, _: date.fromisoformat(value))
_json.register_unstructure_hook(datetime, datetime.isoformat)
_json.register_structure_hook(datetime, lambda value, _: datetime.fromisoformat(value))


def _libraries(readable: Readable) -> str:
    return "all" if readable is ALL else key_hash(sorted(str(i) for i in readable))


class CachedTVCatalog:
    """Answers of `inner` kept in `cache` under `tvshow:<read>:<libraries>:<arguments>`, so
    callers who may read different libraries never share an answer. `forget` drops them all
    (after any write to series, seasons or episodes)."""

    def __init__(self, inner: TVCatalog, cache: Cache) -> None:
        self._inner, self._cache = inner, cache

    async def forget(self) -> None:
        await self._cache.invalidate_prefix(KEY_PREFIX)

    async def _cached(
        self,
        kind: Any,
        read: str,
        readable: Readable,
        args: tuple[object, ...],
        load: Callable[[], Awaitable[Any]],
        ttl_s: float = TTL_S,
    ) -> Any:
        key = f"{KEY_PREFIX}{read}:{_libraries(readable)}:{key_hash(*args)}"

        async def loaded() -> Any:
            return _json.unstructure(await load(), kind)

        return _json.structure(await self._cache.get_or_load(key, loaded, ttl_s), kind)

    async def series_page(
        self, readable: Readable, order: SeriesOrder, limit: int, offset: int
    ) -> Page[Series]:
        load = lambda: self._inner.series_page(readable, order, limit, offset)  # noqa: E731
        args = (order.value, limit, offset)
        page: Page[Series] = await self._cached(
            Page[Series], "list", readable, args, load, LIST_TTL_S
        )
        return page

    async def series(self, readable: Readable, series_id: UUID) -> Series | None:
        load = lambda: self._inner.series(readable, series_id)  # noqa: E731
        found: Series | None = await self._cached(
            Series | None, "series", readable, (series_id,), load
        )
        return found

    async def seasons(self, readable: Readable, series_id: UUID) -> list[Season] | None:
        load = lambda: self._inner.seasons(readable, series_id)  # noqa: E731
        found: list[Season] | None = await self._cached(
            list[Season] | None, "seasons", readable, (series_id,), load
        )
        return found

    async def season(self, readable: Readable, season_id: UUID) -> Season | None:
        load = lambda: self._inner.season(readable, season_id)  # noqa: E731
        found: Season | None = await self._cached(
            Season | None, "season", readable, (season_id,), load
        )
        return found

    async def season_episodes(self, readable: Readable, season_id: UUID) -> list[Episode] | None:
        load = lambda: self._inner.season_episodes(readable, season_id)  # noqa: E731
        found: list[Episode] | None = await self._cached(
            list[Episode] | None, "episodes", readable, (season_id,), load
        )
        return found

    async def episode(self, readable: Readable, episode_id: UUID) -> Episode | None:
        load = lambda: self._inner.episode(readable, episode_id)  # noqa: E731
        found: Episode | None = await self._cached(
            Episode | None, "episode", readable, (episode_id,), load
        )
        return found

    async def credits(
        self, readable: Readable, series_id: UUID, kind: CreditKind, limit: int, offset: int
    ) -> Page[Credit] | None:
        load = lambda: self._inner.credits(readable, series_id, kind, limit, offset)  # noqa: E731
        args = (series_id, limit, offset)
        found: Page[Credit] | None = await self._cached(
            Page[Credit] | None, kind.value, readable, args, load
        )
        return found

    async def genres(self, readable: Readable, series_id: UUID) -> list[Genre] | None:
        load = lambda: self._inner.genres(readable, series_id)  # noqa: E731
        found: list[Genre] | None = await self._cached(
            list[Genre] | None, "genres", readable, (series_id,), load
        )
        return found

    async def networks(self, readable: Readable, series_id: UUID) -> list[Network] | None:
        load = lambda: self._inner.networks(readable, series_id)  # noqa: E731
        found: list[Network] | None = await self._cached(
            list[Network] | None, "networks", readable, (series_id,), load
        )
        return found
