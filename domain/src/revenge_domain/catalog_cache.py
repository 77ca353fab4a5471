"""The catalogue cache follows catalogue writes: each reported change drops the cached answers
that show what changed, on every server instance (the `Cache` broadcasts its invalidations).

Per-title keys go by id; the families that gather many titles (lists, similar titles, season
and episode lists) go whole. A report of many ids at once (a scan) drops the whole catalogue
of that kind instead of one prefix per id.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from uuid import UUID

from revenge_domain.languages import LanguagePreferences, NoPreferences
from revenge_domain.movies import cached as movie_keys
from revenge_domain.ports.cache import Cache
from revenge_domain.ports.catalog_changes import Entity
from revenge_domain.tvshows import cache_keys as tv_keys

log = logging.getLogger(__name__)

# Past this many ids in one report, one prefix per id costs more than refilling the cache.
MANY = 32

_MOVIE_FAMILIES = (*movie_keys.LIST_PREFIXES, movie_keys.WATCH_PREFIX)
_SERIES_FAMILIES = (tv_keys.LIST, movie_keys.GENRES_PREFIX)


class CatalogCacheFollower:
    """`CatalogChanges` for the movie and TV caches (and each user's catalogue language)."""

    def __init__(self, cache: Cache, languages: LanguagePreferences | None = None) -> None:
        self._cache = cache
        self._languages = languages or NoPreferences()

    async def changed(self, entity: Entity, ids: Collection[UUID]) -> None:
        await self._drop(entity, ids, removed=False)

    async def removed(self, entity: Entity, ids: Collection[UUID]) -> None:
        await self._drop(entity, ids, removed=True)

    async def forget_everything(self) -> None:
        """Drop every cached movie and TV answer (e.g. after a whole library went)."""
        await self._drop_prefixes((movie_keys.PREFIX, tv_keys.PREFIX))

    async def _drop(self, entity: Entity, ids: Collection[UUID], removed: bool) -> None:
        if not ids:
            return
        try:
            if entity is Entity.USER:
                for user_id in ids:
                    await self._languages.forget(user_id)
            await self._drop_prefixes(prefixes(entity, ids, removed))
        except Exception:  # a report never fails the write that made it
            log.exception("could not drop cached %s answers", entity.value)

    async def _drop_prefixes(self, found: Collection[str]) -> None:
        await self._cache.invalidate_prefixes(found)


def prefixes(entity: Entity, ids: Collection[UUID], removed: bool = False) -> list[str]:
    """The cache key prefixes whose answers may show `ids` of `entity` (most specific kept)."""
    if entity is Entity.MOVIE:
        if len(ids) > MANY:
            return [movie_keys.PREFIX]
        own = [p for i in ids for p in (movie_keys.movie_prefix(i), movie_keys.credits_prefix(i))]
        return [*own, *_MOVIE_FAMILIES]
    if entity is Entity.PERSON:
        return [movie_keys.credits_prefix(), tv_keys.CREDITS]
    if entity is Entity.USER:
        return [movie_keys.watch_prefix(i) for i in ids]
    return _tv_prefixes(entity, ids, removed)


def _tv_prefixes(entity: Entity, ids: Collection[UUID], removed: bool) -> list[str]:
    if len(ids) > MANY:
        return [tv_keys.PREFIX, movie_keys.GENRES_PREFIX]
    if entity is Entity.SERIES:
        own = [p for i in ids for p in _of(i, tv_keys.SERIES, tv_keys.SEASONS, tv_keys.CREDITS)]
        # A removed series takes its seasons and episodes with it.
        children = [tv_keys.SEASON, tv_keys.EPISODES, tv_keys.EPISODE] if removed else []
        return [*own, *children, *_SERIES_FAMILIES]
    if entity is Entity.SEASON:
        own = [tv_keys.of(tv_keys.SEASON, i) for i in ids]
        children = [tv_keys.EPISODE] if removed else []
        # Which series a season belongs to is not reported: every season list goes.
        return [*own, tv_keys.SEASONS, tv_keys.EPISODES, *children]
    return [*(tv_keys.of(tv_keys.EPISODE, i) for i in ids), tv_keys.EPISODES]


def _of(owner: UUID, *families: str) -> list[str]:
    return [tv_keys.of(family, owner) for family in families]
