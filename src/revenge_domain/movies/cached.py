"""Cached decorators of the movie ports (the cache platform's `Cache`).

Keys carry the caller's readable-library set, so callers with different access never share an
answer. Watch-state reads are per user and dropped on that user's progress writes.
"""

from __future__ import annotations

from uuid import UUID

from revenge_domain.libraries import ALL, Readable
from revenge_domain.movies.model import CreditType, MovieOrder, Page, Record
from revenge_domain.movies.ports import MovieCatalog, MovieWatchStore
from revenge_domain.ports.cache import Cache, key_hash

PREFIX = "movies:"
CATALOG_TTL_S = 60.0
WATCH_TTL_S = 60.0


def readable_key(readable: Readable) -> str:
    if readable is ALL:
        return "all"
    return key_hash(sorted(str(library_id) for library_id in readable))


class CachedMovieCatalog:
    """`MovieCatalog` read through `cache` (the catalogue has no writes here: entries expire)."""

    def __init__(self, inner: MovieCatalog, cache: Cache, ttl_s: float = CATALOG_TTL_S) -> None:
        self._inner, self._cache, self._ttl_s = inner, cache, ttl_s

    def _key(self, readable: Readable, *parts: object) -> str:
        return f"{PREFIX}{readable_key(readable)}:" + ":".join(str(part) for part in parts)

    async def movies(self, readable: Readable, order: MovieOrder, limit: int, offset: int) -> Page:
        async def load() -> Record:
            return (await self._inner.movies(readable, order, limit, offset)).to_json()

        key = self._key(readable, "list", order.value, limit, offset)
        return Page.from_json(await self._cache.get_or_load(key, load, self._ttl_s))

    async def top_rated(self, readable: Readable, min_votes: int, limit: int, offset: int) -> Page:
        async def load() -> Record:
            return (await self._inner.top_rated(readable, min_votes, limit, offset)).to_json()

        key = self._key(readable, "top", min_votes, limit, offset)
        return Page.from_json(await self._cache.get_or_load(key, load, self._ttl_s))

    async def movie(self, readable: Readable, movie_id: UUID) -> Record | None:
        async def load() -> Record | None:
            return await self._inner.movie(readable, movie_id)

        return await self._cache.get_or_load(self._key(readable, movie_id), load, self._ttl_s)

    async def files(self, readable: Readable, movie_id: UUID) -> list[Record] | None:
        async def load() -> list[Record] | None:
            return await self._inner.files(readable, movie_id)

        key = self._key(readable, movie_id, "files")
        return await self._cache.get_or_load(key, load, self._ttl_s)

    async def credits(
        self, readable: Readable, movie_id: UUID, kind: CreditType, limit: int, offset: int
    ) -> Page | None:
        async def load() -> Record | None:
            page = await self._inner.credits(readable, movie_id, kind, limit, offset)
            return page.to_json() if page is not None else None

        key = self._key(readable, movie_id, kind.value, limit, offset)
        found = await self._cache.get_or_load(key, load, self._ttl_s)
        return Page.from_json(found) if found is not None else None

    async def genres(self, readable: Readable, movie_id: UUID) -> list[Record] | None:
        async def load() -> list[Record] | None:
            return await self._inner.genres(readable, movie_id)

        key = self._key(readable, movie_id, "genres")
        return await self._cache.get_or_load(key, load, self._ttl_s)

    async def collection(self, readable: Readable, collection_id: UUID) -> Record | None:
        async def load() -> Record | None:
            return await self._inner.collection(readable, collection_id)

        key = self._key(readable, "collection", collection_id)
        return await self._cache.get_or_load(key, load, self._ttl_s)

    async def collection_movies(
        self, readable: Readable, collection_id: UUID
    ) -> list[Record] | None:
        async def load() -> list[Record] | None:
            return await self._inner.collection_movies(readable, collection_id)

        key = self._key(readable, "collection", collection_id, "movies")
        return await self._cache.get_or_load(key, load, self._ttl_s)

    async def movie_collection(self, readable: Readable, movie_id: UUID) -> Record | None:
        async def load() -> Record | None:
            return await self._inner.movie_collection(readable, movie_id)

        key = self._key(readable, movie_id, "collection")
        return await self._cache.get_or_load(key, load, self._ttl_s)

    async def similar(self, readable: Readable, movie_id: UUID, limit: int) -> Page | None:
        async def load() -> Record | None:
            page = await self._inner.similar(readable, movie_id, limit)
            return page.to_json() if page is not None else None

        key = self._key(readable, movie_id, "similar", limit)
        found = await self._cache.get_or_load(key, load, self._ttl_s)
        return Page.from_json(found) if found is not None else None

    async def all_genres(self, readable: Readable) -> list[Record]:
        async def load() -> list[Record]:
            return await self._inner.all_genres(readable)

        return await self._cache.get_or_load(self._key(readable, "genres"), load, self._ttl_s)


def watch_prefix(user_id: UUID) -> str:
    return f"{PREFIX}watch:{user_id}:"


class CachedMovieWatchStore:
    """`MovieWatchStore` whose continue-watching, history and stats reads go through `cache`; a
    user's progress write drops that user's cached answers on every instance."""

    def __init__(self, inner: MovieWatchStore, cache: Cache, ttl_s: float = WATCH_TTL_S) -> None:
        self._inner, self._cache, self._ttl_s = inner, cache, ttl_s

    async def progress(self, user_id: UUID, movie_id: UUID) -> Record | None:
        return await self._inner.progress(user_id, movie_id)

    async def progress_of(self, user_id: UUID, movie_ids: list[str]) -> dict[str, Record]:
        return await self._inner.progress_of(user_id, movie_ids)

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
        self, user_id: UUID, readable: Readable, limit: int
    ) -> list[Record]:
        async def load() -> list[Record]:
            return await self._inner.continue_watching(user_id, readable, limit)

        key = f"{watch_prefix(user_id)}{readable_key(readable)}:continue:{limit}"
        return await self._cache.get_or_load(key, load, self._ttl_s)

    async def history(
        self, user_id: UUID, readable: Readable, limit: int, offset: int
    ) -> list[Record]:
        async def load() -> list[Record]:
            return await self._inner.history(user_id, readable, limit, offset)

        key = f"{watch_prefix(user_id)}{readable_key(readable)}:history:{limit}:{offset}"
        return await self._cache.get_or_load(key, load, self._ttl_s)
