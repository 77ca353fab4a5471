"""Use cases of the movie endpoints. Every read is limited to the caller's readable libraries;
a movie outside them answers NotFound, as one that does not exist. Reads returning movies take
the language the client asked for (`requested`, e.g. from Accept-Language); the caller's saved
choice goes first (`CatalogLanguage`)."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

import attrs

from revenge_domain.cache_values import ids_of
from revenge_domain.credits import CreditKind
from revenge_domain.errors import NotFound
from revenge_domain.identity.access import Principal
from revenge_domain.languages import CatalogLanguage
from revenge_domain.libraries import LibraryAccess, Readable
from revenge_domain.movies.model import (
    Collection,
    Credit,
    GenreCount,
    ListedMovie,
    Movie,
    MovieFile,
    MovieGenre,
    MovieOrder,
    MoviePage,
    Page,
    ResumableMovie,
    SimilarMovies,
    WatchedMovie,
    WatchRecord,
    WatchStats,
    check_progress,
    completes,
)
from revenge_domain.movies.ports import MovieCatalog, MovieWatchStore
from revenge_domain.paging import check_page

CONTINUE_MAX = 50
SIMILAR_LIMIT = 20


def movie_not_found(movie_id: UUID) -> NotFound:
    return NotFound("movie not found", {"movie_id": str(movie_id)})


@attrs.frozen
class MovieCatalogue:
    """Reading movies, their files, credits, genres and collections."""

    catalog: MovieCatalog
    watch: MovieWatchStore
    access: LibraryAccess
    language: CatalogLanguage = attrs.field(factory=CatalogLanguage)

    async def _readable(self, principal: Principal) -> Readable:
        return await self.access.readable_library_ids(principal)

    async def _scope(self, principal: Principal, requested: str | None) -> tuple[Readable, str]:
        readable = await self.access.readable_library_ids(principal)
        return readable, await self.language.of(principal, requested)

    async def browse(
        self,
        principal: Principal,
        order: MovieOrder,
        limit: int,
        offset: int,
        requested: str | None = None,
    ) -> MoviePage:
        check_page(limit, offset)
        readable, language = await self._scope(principal, requested)
        page = await self.catalog.movies(readable, order, limit, offset, language)
        return await self._with_progress(principal, page)

    async def top_rated(
        self,
        principal: Principal,
        min_votes: int,
        limit: int,
        offset: int,
        requested: str | None = None,
    ) -> MoviePage:
        check_page(limit, offset)
        readable, language = await self._scope(principal, requested)
        page = await self.catalog.top_rated(readable, max(min_votes, 0), limit, offset, language)
        return await self._with_progress(principal, page)

    async def get(
        self, principal: Principal, movie_id: UUID, requested: str | None = None
    ) -> Movie:
        readable, language = await self._scope(principal, requested)
        movie = await self.catalog.movie(readable, movie_id, language)
        if movie is None:
            raise movie_not_found(movie_id)
        return movie

    async def files(self, principal: Principal, movie_id: UUID) -> list[MovieFile]:
        files = await self.catalog.files(await self._readable(principal), movie_id)
        if files is None:
            raise movie_not_found(movie_id)
        return files

    async def credits(
        self, principal: Principal, movie_id: UUID, kind: CreditKind, limit: int, offset: int
    ) -> Page[Credit]:
        check_page(limit, offset)
        readable = await self._readable(principal)
        page = await self.catalog.credits(readable, movie_id, kind, limit, offset)
        if page is None:
            raise movie_not_found(movie_id)
        return page

    async def genres(self, principal: Principal, movie_id: UUID) -> list[MovieGenre]:
        genres = await self.catalog.genres(await self._readable(principal), movie_id)
        if genres is None:
            raise movie_not_found(movie_id)
        return genres

    async def collection(self, principal: Principal, collection_id: UUID) -> Collection:
        collection = await self.catalog.collection(await self._readable(principal), collection_id)
        if collection is None:
            raise NotFound("collection not found", {"collection_id": str(collection_id)})
        return collection

    async def collection_movies(
        self, principal: Principal, collection_id: UUID, requested: str | None = None
    ) -> list[Movie]:
        readable, language = await self._scope(principal, requested)
        movies = await self.catalog.collection_movies(readable, collection_id, language)
        if movies is None:
            raise NotFound("collection not found", {"collection_id": str(collection_id)})
        return movies

    async def movie_collection(self, principal: Principal, movie_id: UUID) -> Collection:
        readable = await self._readable(principal)
        collection = await self.catalog.movie_collection(readable, movie_id)
        if collection is None:
            raise NotFound("movie or its collection not found", {"movie_id": str(movie_id)})
        return collection

    async def similar(
        self, principal: Principal, movie_id: UUID, requested: str | None = None
    ) -> SimilarMovies:
        """Our own rule (no metadata provider): readable movies sharing genres, then a
        collection, with the movie; ranked by shared genres, then rating."""
        readable, language = await self._scope(principal, requested)
        page = await self.catalog.similar(readable, movie_id, SIMILAR_LIMIT, language)
        if page is None:
            raise movie_not_found(movie_id)
        return SimilarMovies(movie_id, list(page.items), page.total)

    async def all_genres(self, principal: Principal) -> list[GenreCount]:
        return await self.catalog.all_genres(await self._readable(principal))

    async def _with_progress(self, principal: Principal, page: Page[ListedMovie]) -> MoviePage:
        """The page with the caller's progress (one query for the whole page)."""
        ids = ids_of(page.items)
        known = await self.watch.progress_of(principal.user_id, ids) if ids else {}
        return MoviePage(page.items, page.total, [known.get(movie_id) for movie_id in ids])


@attrs.frozen
class MovieWatching:
    """Each user's progress through the movies they may read."""

    catalog: MovieCatalog
    watch: MovieWatchStore
    access: LibraryAccess
    language: CatalogLanguage = attrs.field(factory=CatalogLanguage)

    async def _ensure_readable(self, principal: Principal, movie_id: UUID) -> Readable:
        readable = await self.access.readable_library_ids(principal)
        if await self.catalog.movie(readable, movie_id) is None:
            raise movie_not_found(movie_id)
        return readable

    async def progress(self, principal: Principal, movie_id: UUID) -> WatchRecord:
        await self._ensure_readable(principal, movie_id)
        record = await self.watch.progress(principal.user_id, movie_id)
        if record is None:
            raise NotFound("no progress recorded for this movie", {"movie_id": str(movie_id)})
        return record

    async def update(
        self, principal: Principal, movie_id: UUID, progress_s: int, duration_s: int
    ) -> WatchRecord:
        check_progress(progress_s, duration_s)
        await self._ensure_readable(principal, movie_id)
        completed = completes(progress_s, duration_s)
        return await self.watch.save(principal.user_id, movie_id, progress_s, duration_s, completed)

    async def delete(self, principal: Principal, movie_id: UUID) -> None:
        await self._ensure_readable(principal, movie_id)
        if not await self.watch.delete(principal.user_id, movie_id):
            raise NotFound("no progress recorded for this movie", {"movie_id": str(movie_id)})

    async def mark_watched(self, principal: Principal, movie_id: UUID) -> WatchRecord:
        await self._ensure_readable(principal, movie_id)
        return await self.watch.mark_watched(principal.user_id, movie_id)

    async def stats(self, principal: Principal) -> WatchStats:
        readable = await self.access.readable_library_ids(principal)
        return await self.watch.stats(principal.user_id, readable)

    async def continue_watching(
        self, principal: Principal, limit: int, requested: str | None = None
    ) -> Sequence[ResumableMovie]:
        check_page(limit, 0, CONTINUE_MAX)
        readable = await self.access.readable_library_ids(principal)
        language = await self.language.of(principal, requested)
        return await self.watch.continue_watching(principal.user_id, readable, limit, language)

    async def history(
        self, principal: Principal, limit: int, offset: int, requested: str | None = None
    ) -> Sequence[WatchedMovie]:
        check_page(limit, offset)
        readable = await self.access.readable_library_ids(principal)
        language = await self.language.of(principal, requested)
        return await self.watch.history(principal.user_id, readable, limit, offset, language)
