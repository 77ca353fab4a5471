"""Ports of the movie catalogue: catalogue reads and per-user watch state.

Every read takes the caller's readable libraries (`Readable`, from `LibraryAccess`) and keeps
only movies of those libraries inside its query; a movie elsewhere reads as absent (None).
Reads that return movies take the caller's `language` for title, overview and tagline.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol
from uuid import UUID

from revenge_domain.credits import CreditKind
from revenge_domain.languages import DEFAULT_LANGUAGE
from revenge_domain.libraries import Readable
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


class MovieCatalog(Protocol):
    """Movies and what hangs off them, read-only. List items carry `genres` and `files`."""

    async def movies(
        self,
        readable: Readable,
        order: MovieOrder,
        limit: int,
        offset: int,
        language: str = DEFAULT_LANGUAGE,
    ) -> Page[ListedMovie]:
        """A page of live movies in `order` (ties broken by newest added, then id)."""
        ...

    async def top_rated(
        self,
        readable: Readable,
        min_votes: int,
        limit: int,
        offset: int,
        language: str = DEFAULT_LANGUAGE,
    ) -> Page[ListedMovie]:
        """Movies with at least `min_votes` votes, best rated first."""
        ...

    async def movie(
        self, readable: Readable, movie_id: UUID, language: str = DEFAULT_LANGUAGE
    ) -> Movie | None: ...

    async def files(self, readable: Readable, movie_id: UUID) -> list[MovieFile] | None: ...

    async def credits(
        self, readable: Readable, movie_id: UUID, kind: CreditKind, limit: int, offset: int
    ) -> Page[Credit] | None:
        """Cast by billing order, or crew by department and job."""
        ...

    async def genres(self, readable: Readable, movie_id: UUID) -> list[MovieGenre] | None: ...

    async def collection(self, readable: Readable, collection_id: UUID) -> Collection | None:
        """The collection, if at least one of its movies is readable."""
        ...

    async def collection_movies(
        self, readable: Readable, collection_id: UUID, language: str = DEFAULT_LANGUAGE
    ) -> list[Movie] | None:
        """Its readable movies in collection order; None when the collection is not readable."""
        ...

    async def movie_collection(self, readable: Readable, movie_id: UUID) -> Collection | None:
        """The collection a readable movie belongs to; None when there is none."""
        ...

    async def similar(
        self, readable: Readable, movie_id: UUID, limit: int, language: str = DEFAULT_LANGUAGE
    ) -> Page[SimilarMovie] | None:
        """Readable movies sharing a genre or a collection with the movie, most shared genres
        first, then best rated; None when the movie is not readable."""
        ...

    async def all_genres(self, readable: Readable) -> list[GenreCount]:
        """Distinct genres by slug over readable movies and series, with `movie_count` and
        `tvshow_count`, by name."""
        ...


class MovieWatchStore(Protocol):
    """Each user's progress through movies."""

    async def progress(self, user_id: UUID, movie_id: UUID) -> WatchRecord | None: ...

    async def progress_of(self, user_id: UUID, movie_ids: list[UUID]) -> dict[UUID, WatchState]:
        """The user's watch state of those movies (in one query), by movie id."""
        ...

    async def save(
        self, user_id: UUID, movie_id: UUID, progress_s: int, duration_s: int, completed: bool
    ) -> WatchRecord:
        """Create or update the record; watch_count grows when it turns completed."""
        ...

    async def delete(self, user_id: UUID, movie_id: UUID) -> bool: ...

    async def mark_watched(self, user_id: UUID, movie_id: UUID) -> WatchRecord:
        """Record the movie as watched to its end: progress = the known duration (the user's
        record, else the longest file, else the runtime), completed."""
        ...

    async def stats(self, user_id: UUID, readable: Readable) -> WatchStats:
        """`watched_count`, `in_progress_count` (not completed, past 5 %) and `total_watches`
        over the user's records of readable movies."""
        ...

    async def continue_watching(
        self, user_id: UUID, readable: Readable, limit: int, language: str = DEFAULT_LANGUAGE
    ) -> Sequence[ResumableMovie]:
        """Started, not completed movies, most recently watched first, with their progress."""
        ...

    async def history(
        self,
        user_id: UUID,
        readable: Readable,
        limit: int,
        offset: int,
        language: str = DEFAULT_LANGUAGE,
    ) -> Sequence[WatchedMovie]:
        """Movies the user has a record of, most recently watched first."""
        ...
