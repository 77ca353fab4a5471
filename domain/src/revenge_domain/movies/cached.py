"""Cached decorators of the movie ports (the cache platform's `Cache`).

Keys carry the caller's readable-library set, so callers with different access never share an
answer, and the language of answers with movie texts. Each key starts with what it depends on,
so a change drops exactly those: `movies:movie:<id>:` (a movie's own reads),
`movies:credits:<id>:` (its credits, which also follow people), the list families in
`LIST_PREFIXES`, and `movies:watch:<user>:` (a user's watch state).
"""

from __future__ import annotations

from uuid import UUID

from revenge_domain.languages import DEFAULT_LANGUAGE
from revenge_domain.libraries import Readable
from revenge_domain.libraries.ports import readable_key as readable_key  # re-exported
from revenge_domain.movies.model import CreditType, MovieOrder, Page, Record
from revenge_domain.movies.ports import MovieCatalog, MovieWatchStore
from revenge_domain.ports.cache import Cache, key_hash

PREFIX = "movies:"
CATALOG_TTL_S = 60.0
WATCH_TTL_S = 60.0
# Reads over many movies: any movie change may change them.
LIST, TOP, SIMILAR, COLLECTION, GENRES = "list", "top", "similar", "collection", "genres"
LIST_PREFIXES = tuple(f"{PREFIX}{family}:" for family in (LIST, TOP, SIMILAR, COLLECTION, GENRES))
WATCH_PREFIX = f"{PREFIX}watch:"
# The genre directory (`/api/v1/genres`) counts movies and series.
GENRES_PREFIX = f"{PREFIX}{GENRES}:"


def movie_prefix(movie_id: UUID) -> str:
    return f"{PREFIX}movie:{movie_id}:"


def credits_prefix(movie_id: UUID | None = None) -> str:
    """Credits of one movie, or of every movie (a person's name or picture is in them)."""
    return f"{PREFIX}credits:" if movie_id is None else f"{PREFIX}credits:{movie_id}:"


def _key(family: str, *parts: object) -> str:
    return f"{PREFIX}{family}:" + ":".join(str(part) for part in parts)


class CachedMovieCatalog:
    """`MovieCatalog` read through `cache`; writers report changes to the catalogue cache
    follower, which drops the affected keys."""

    def __init__(self, inner: MovieCatalog, cache: Cache, ttl_s: float = CATALOG_TTL_S) -> None:
        self._inner, self._cache, self._ttl_s = inner, cache, ttl_s

    async def movies(
        self,
        readable: Readable,
        order: MovieOrder,
        limit: int,
        offset: int,
        language: str = DEFAULT_LANGUAGE,
    ) -> Page:
        async def load() -> Record:
            page = await self._inner.movies(readable, order, limit, offset, language)
            return page.to_json()

        key = _key(LIST, readable_key(readable), language, order.value, limit, offset)
        return Page.from_json(await self._cache.get_or_load(key, load, self._ttl_s))

    async def top_rated(
        self,
        readable: Readable,
        min_votes: int,
        limit: int,
        offset: int,
        language: str = DEFAULT_LANGUAGE,
    ) -> Page:
        async def load() -> Record:
            page = await self._inner.top_rated(readable, min_votes, limit, offset, language)
            return page.to_json()

        key = _key(TOP, readable_key(readable), language, min_votes, limit, offset)
        return Page.from_json(await self._cache.get_or_load(key, load, self._ttl_s))

    async def movie(
        self, readable: Readable, movie_id: UUID, language: str = DEFAULT_LANGUAGE
    ) -> Record | None:
        async def load() -> Record | None:
            return await self._inner.movie(readable, movie_id, language)

        key = f"{movie_prefix(movie_id)}{readable_key(readable)}:{language}"
        return await self._cache.get_or_load(key, load, self._ttl_s)

    async def files(self, readable: Readable, movie_id: UUID) -> list[Record] | None:
        async def load() -> list[Record] | None:
            return await self._inner.files(readable, movie_id)

        key = f"{movie_prefix(movie_id)}{readable_key(readable)}:files"
        return await self._cache.get_or_load(key, load, self._ttl_s)

    async def credits(
        self, readable: Readable, movie_id: UUID, kind: CreditType, limit: int, offset: int
    ) -> Page | None:
        async def load() -> Record | None:
            page = await self._inner.credits(readable, movie_id, kind, limit, offset)
            return page.to_json() if page is not None else None

        key = f"{credits_prefix(movie_id)}{readable_key(readable)}:{kind.value}:{limit}:{offset}"
        found = await self._cache.get_or_load(key, load, self._ttl_s)
        return Page.from_json(found) if found is not None else None

    async def genres(self, readable: Readable, movie_id: UUID) -> list[Record] | None:
        async def load() -> list[Record] | None:
            return await self._inner.genres(readable, movie_id)

        key = f"{movie_prefix(movie_id)}{readable_key(readable)}:genres"
        return await self._cache.get_or_load(key, load, self._ttl_s)

    async def collection(self, readable: Readable, collection_id: UUID) -> Record | None:
        async def load() -> Record | None:
            return await self._inner.collection(readable, collection_id)

        key = _key(COLLECTION, collection_id, readable_key(readable))
        return await self._cache.get_or_load(key, load, self._ttl_s)

    async def collection_movies(
        self, readable: Readable, collection_id: UUID, language: str = DEFAULT_LANGUAGE
    ) -> list[Record] | None:
        async def load() -> list[Record] | None:
            return await self._inner.collection_movies(readable, collection_id, language)

        key = _key(COLLECTION, collection_id, readable_key(readable), language, "movies")
        return await self._cache.get_or_load(key, load, self._ttl_s)

    async def movie_collection(self, readable: Readable, movie_id: UUID) -> Record | None:
        async def load() -> Record | None:
            return await self._inner.movie_collection(readable, movie_id)

        key = f"{movie_prefix(movie_id)}{readable_key(readable)}:collection"
        return await self._cache.get_or_load(key, load, self._ttl_s)

    async def similar(
        self, readable: Readable, movie_id: UUID, limit: int, language: str = DEFAULT_LANGUAGE
    ) -> Page | None:
        async def load() -> Record | None:
            page = await self._inner.similar(readable, movie_id, limit, language)
            return page.to_json() if page is not None else None

        key = _key(SIMILAR, movie_id, readable_key(readable), language, limit)
        found = await self._cache.get_or_load(key, load, self._ttl_s)
        return Page.from_json(found) if found is not None else None

    async def all_genres(self, readable: Readable) -> list[Record]:
        async def load() -> list[Record]:
            return await self._inner.all_genres(readable)

        key = _key(GENRES, readable_key(readable))
        return await self._cache.get_or_load(key, load, self._ttl_s)


def watch_prefix(user_id: UUID) -> str:
    return f"{WATCH_PREFIX}{user_id}:"


class CachedMovieWatchStore:
    """`MovieWatchStore` whose continue-watching, history and stats reads go through `cache`; a
    user's progress write drops that user's cached answers on every instance."""

    def __init__(self, inner: MovieWatchStore, cache: Cache, ttl_s: float = WATCH_TTL_S) -> None:
        self._inner, self._cache, self._ttl_s = inner, cache, ttl_s

    async def progress(self, user_id: UUID, movie_id: UUID) -> Record | None:
        return await self._inner.progress(user_id, movie_id)

    async def progress_of(self, user_id: UUID, movie_ids: list[str]) -> dict[str, Record]:
        """Cached per page of ids: every list page a user reads asks for it."""

        async def load() -> dict[str, Record]:
            return await self._inner.progress_of(user_id, movie_ids)

        key = f"{watch_prefix(user_id)}progress:{key_hash(movie_ids)}"
        return await self._cache.get_or_load(key, load, self._ttl_s)

    async def save(
        self, user_id: UUID, movie_id: UUID, progress_s: int, duration_s: int, completed: bool
    ) -> Record:
        saved = await self._inner.save(user_id, movie_id, progress_s, duration_s, completed)
        await self._cache.invalidate_prefix(watch_prefix(user_id))
        return saved

    async def delete(self, user_id: UUID, movie_id: UUID) -> bool:
        deleted = await self._inner.delete(user_id, movie_id)
        await self._cache.invalidate_prefix(watch_prefix(user_id))
        return deleted

    async def mark_watched(self, user_id: UUID, movie_id: UUID) -> Record:
        marked = await self._inner.mark_watched(user_id, movie_id)
        await self._cache.invalidate_prefix(watch_prefix(user_id))
        return marked

    async def stats(self, user_id: UUID, readable: Readable) -> Record:
        async def load() -> Record:
            return await self._inner.stats(user_id, readable)

        key = f"{watch_prefix(user_id)}{readable_key(readable)}:stats"
        return await self._cache.get_or_load(key, load, self._ttl_s)

    async def continue_watching(
        self, user_id: UUID, readable: Readable, limit: int, language: str = DEFAULT_LANGUAGE
    ) -> list[Record]:
        async def load() -> list[Record]:
            return await self._inner.continue_watching(user_id, readable, limit, language)

        key = f"{watch_prefix(user_id)}{readable_key(readable)}:{language}:continue:{limit}"
        return await self._cache.get_or_load(key, load, self._ttl_s)

    async def history(
        self,
        user_id: UUID,
        readable: Readable,
        limit: int,
        offset: int,
        language: str = DEFAULT_LANGUAGE,
    ) -> list[Record]:
        async def load() -> list[Record]:
            return await self._inner.history(user_id, readable, limit, offset, language)

        key = f"{watch_prefix(user_id)}{readable_key(readable)}:{language}"
        key += f":history:{limit}:{offset}"
        return await self._cache.get_or_load(key, load, self._ttl_s)
