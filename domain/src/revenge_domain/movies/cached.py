"""Cached decorators of the movie ports (the cache platform's `Cache`).

Keys carry the caller's readable-library set, so callers with different access never share an
answer, and the language of answers with movie texts. Each key starts with what it depends on,
so a change drops exactly those: `movies:movie:<id>:` (a movie's own reads),
`movies:credits:<id>:` (its credits, which also follow people), the list families in
`LIST_PREFIXES`, and `movies:watch:<user>:` (a user's watch state).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar
from uuid import UUID

from revenge_domain.cache_values import StoredList, read_through, to_cache
from revenge_domain.credits import CreditKind
from revenge_domain.languages import DEFAULT_LANGUAGE
from revenge_domain.libraries import Readable
from revenge_domain.libraries.ports import readable_key as readable_key  # re-exported
from revenge_domain.movies.model import (
    Collection,
    Credit,
    GenreCount,
    ListedMovie,
    Movie,
    MovieFile,
    MovieGenre,
    MovieOrder,
    Page,
    ResumableMovie,
    SimilarMovie,
    WatchedMovie,
    WatchRecord,
    WatchState,
    WatchStats,
)
from revenge_domain.movies.ports import MovieCatalog, MovieWatchStore
from revenge_domain.ports.cache import Cache, key_hash

T = TypeVar("T")
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

    async def _cached(self, key: str, kind: Any, load: Callable[[], Awaitable[Any]]) -> Any:
        return await read_through(self._cache, key, kind, load, self._ttl_s)

    async def _listed(
        self, key: str, load: Callable[[], Awaitable[Page[ListedMovie]]]
    ) -> Page[ListedMovie]:
        """A list page kept as stored: its items become models only where read."""

        async def loaded() -> Any:
            return to_cache(await load(), Page[ListedMovie])

        stored = await self._cache.get_or_load(key, loaded, self._ttl_s)
        return Page(StoredList(stored["items"], ListedMovie), stored["total"])

    async def movies(
        self,
        readable: Readable,
        order: MovieOrder,
        limit: int,
        offset: int,
        language: str = DEFAULT_LANGUAGE,
    ) -> Page[ListedMovie]:
        key = _key(LIST, readable_key(readable), language, order.value, limit, offset)
        return await self._listed(
            key, lambda: self._inner.movies(readable, order, limit, offset, language)
        )

    async def top_rated(
        self,
        readable: Readable,
        min_votes: int,
        limit: int,
        offset: int,
        language: str = DEFAULT_LANGUAGE,
    ) -> Page[ListedMovie]:
        key = _key(TOP, readable_key(readable), language, min_votes, limit, offset)
        return await self._listed(
            key, lambda: self._inner.top_rated(readable, min_votes, limit, offset, language)
        )

    async def movie(
        self, readable: Readable, movie_id: UUID, language: str = DEFAULT_LANGUAGE
    ) -> Movie | None:
        key = f"{movie_prefix(movie_id)}{readable_key(readable)}:{language}"
        load = lambda: self._inner.movie(readable, movie_id, language)  # noqa: E731
        movie: Movie | None = await self._cached(key, Movie | None, load)
        return movie

    async def files(self, readable: Readable, movie_id: UUID) -> list[MovieFile] | None:
        key = f"{movie_prefix(movie_id)}{readable_key(readable)}:files"
        load = lambda: self._inner.files(readable, movie_id)  # noqa: E731
        files: list[MovieFile] | None = await self._cached(key, list[MovieFile] | None, load)
        return files

    async def credits(
        self, readable: Readable, movie_id: UUID, kind: CreditKind, limit: int, offset: int
    ) -> Page[Credit] | None:
        key = f"{credits_prefix(movie_id)}{readable_key(readable)}:{kind.value}:{limit}:{offset}"
        load = lambda: self._inner.credits(readable, movie_id, kind, limit, offset)  # noqa: E731
        page: Page[Credit] | None = await self._cached(key, Page[Credit] | None, load)
        return page

    async def genres(self, readable: Readable, movie_id: UUID) -> list[MovieGenre] | None:
        key = f"{movie_prefix(movie_id)}{readable_key(readable)}:genres"
        load = lambda: self._inner.genres(readable, movie_id)  # noqa: E731
        genres: list[MovieGenre] | None = await self._cached(key, list[MovieGenre] | None, load)
        return genres

    async def collection(self, readable: Readable, collection_id: UUID) -> Collection | None:
        key = _key(COLLECTION, collection_id, readable_key(readable))
        load = lambda: self._inner.collection(readable, collection_id)  # noqa: E731
        found: Collection | None = await self._cached(key, Collection | None, load)
        return found

    async def collection_movies(
        self, readable: Readable, collection_id: UUID, language: str = DEFAULT_LANGUAGE
    ) -> list[Movie] | None:
        key = _key(COLLECTION, collection_id, readable_key(readable), language, "movies")
        load = lambda: self._inner.collection_movies(readable, collection_id, language)  # noqa: E731
        movies: list[Movie] | None = await self._cached(key, list[Movie] | None, load)
        return movies

    async def movie_collection(self, readable: Readable, movie_id: UUID) -> Collection | None:
        key = f"{movie_prefix(movie_id)}{readable_key(readable)}:collection"
        load = lambda: self._inner.movie_collection(readable, movie_id)  # noqa: E731
        found: Collection | None = await self._cached(key, Collection | None, load)
        return found

    async def similar(
        self, readable: Readable, movie_id: UUID, limit: int, language: str = DEFAULT_LANGUAGE
    ) -> Page[SimilarMovie] | None:
        key = _key(SIMILAR, movie_id, readable_key(readable), language, limit)
        load = lambda: self._inner.similar(readable, movie_id, limit, language)  # noqa: E731
        page: Page[SimilarMovie] | None = await self._cached(key, Page[SimilarMovie] | None, load)
        return page

    async def all_genres(self, readable: Readable) -> list[GenreCount]:
        key = _key(GENRES, readable_key(readable))
        load = lambda: self._inner.all_genres(readable)  # noqa: E731
        genres: list[GenreCount] = await self._cached(key, list[GenreCount], load)
        return genres


def watch_prefix(user_id: UUID) -> str:
    return f"{WATCH_PREFIX}{user_id}:"


class CachedMovieWatchStore:
    """`MovieWatchStore` whose continue-watching, history and stats reads go through `cache`; a
    user's progress write drops that user's cached answers on every instance."""

    def __init__(self, inner: MovieWatchStore, cache: Cache, ttl_s: float = WATCH_TTL_S) -> None:
        self._inner, self._cache, self._ttl_s = inner, cache, ttl_s

    async def _cached(self, key: str, kind: Any, load: Callable[[], Awaitable[Any]]) -> Any:
        return await read_through(self._cache, key, kind, load, self._ttl_s)

    async def _stored(
        self, key: str, kind: type[T], load: Callable[[], Awaitable[Sequence[T]]]
    ) -> StoredList[T]:
        """A list kept as stored: its items become models only where read."""

        async def loaded() -> Any:
            return to_cache(await load(), list[kind])  # type: ignore[valid-type]

        return StoredList(await self._cache.get_or_load(key, loaded, self._ttl_s), kind)

    async def progress(self, user_id: UUID, movie_id: UUID) -> WatchRecord | None:
        return await self._inner.progress(user_id, movie_id)

    async def progress_of(self, user_id: UUID, movie_ids: list[UUID]) -> dict[UUID, WatchState]:
        """Cached per page of ids: every list page a user reads asks for it."""
        key = f"{watch_prefix(user_id)}progress:{key_hash(movie_ids)}"
        load = lambda: self._inner.progress_of(user_id, movie_ids)  # noqa: E731
        known: dict[UUID, WatchState] = await self._cached(key, dict[UUID, WatchState], load)
        return known

    async def save(
        self, user_id: UUID, movie_id: UUID, progress_s: int, duration_s: int, completed: bool
    ) -> WatchRecord:
        saved = await self._inner.save(user_id, movie_id, progress_s, duration_s, completed)
        await self._cache.invalidate_prefix(watch_prefix(user_id))
        return saved

    async def delete(self, user_id: UUID, movie_id: UUID) -> bool:
        deleted = await self._inner.delete(user_id, movie_id)
        await self._cache.invalidate_prefix(watch_prefix(user_id))
        return deleted

    async def mark_watched(self, user_id: UUID, movie_id: UUID) -> WatchRecord:
        marked = await self._inner.mark_watched(user_id, movie_id)
        await self._cache.invalidate_prefix(watch_prefix(user_id))
        return marked

    async def stats(self, user_id: UUID, readable: Readable) -> WatchStats:
        key = f"{watch_prefix(user_id)}{readable_key(readable)}:stats"
        load = lambda: self._inner.stats(user_id, readable)  # noqa: E731
        stats: WatchStats = await self._cached(key, WatchStats, load)
        return stats

    async def continue_watching(
        self, user_id: UUID, readable: Readable, limit: int, language: str = DEFAULT_LANGUAGE
    ) -> Sequence[ResumableMovie]:
        key = f"{watch_prefix(user_id)}{readable_key(readable)}:{language}:continue:{limit}"
        load = lambda: self._inner.continue_watching(user_id, readable, limit, language)  # noqa: E731
        return await self._stored(key, ResumableMovie, load)

    async def history(
        self,
        user_id: UUID,
        readable: Readable,
        limit: int,
        offset: int,
        language: str = DEFAULT_LANGUAGE,
    ) -> Sequence[WatchedMovie]:
        key = f"{watch_prefix(user_id)}{readable_key(readable)}:{language}"
        key += f":history:{limit}:{offset}"
        load = lambda: self._inner.history(user_id, readable, limit, offset, language)  # noqa: E731
        return await self._stored(key, WatchedMovie, load)
