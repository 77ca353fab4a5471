"""In-memory movie ports: movies kept with their library, watch records per user."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID, uuid4

import attrs

from revenge_domain.credits import CreditKind
from revenge_domain.languages import DEFAULT_LANGUAGE
from revenge_domain.libraries import ALL, Readable
from revenge_domain.movies import (
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

ADDED = datetime(2026, 1, 1, tzinfo=UTC)


def readable_by(readable: Readable, library_id: UUID) -> bool:
    return readable is ALL or library_id in readable


class InMemoryMovieCatalog:
    """Movies by id, each in one library, titles by language; counts the reads that reached
    it."""

    def __init__(self) -> None:
        self.libraries: dict[UUID, UUID] = {}
        self.records: dict[UUID, ListedMovie] = {}
        self.titles: dict[UUID, dict[str, str]] = {}
        self.reads = 0

    def add(
        self, library_id: UUID, movie_id: UUID, title: str, titles: dict[str, str] | None = None
    ) -> None:
        self.libraries[movie_id] = library_id
        self.records[movie_id] = ListedMovie(movie_id, title, ADDED, ADDED, ADDED)
        self.titles[movie_id] = titles or {}

    def _visible(self, readable: Readable, language: str = DEFAULT_LANGUAGE) -> list[ListedMovie]:
        self.reads += 1
        return [
            attrs.evolve(record, title=self.titles[movie_id].get(language, record.title))
            for movie_id, record in sorted(self.records.items())
            if readable_by(readable, self.libraries[movie_id])
        ]

    async def movies(
        self,
        readable: Readable,
        order: MovieOrder,
        limit: int,
        offset: int,
        language: str = DEFAULT_LANGUAGE,
    ) -> Page[ListedMovie]:
        found = self._visible(readable, language)
        return Page(found[offset : offset + limit], len(found))

    async def top_rated(
        self,
        readable: Readable,
        min_votes: int,
        limit: int,
        offset: int,
        language: str = DEFAULT_LANGUAGE,
    ) -> Page[ListedMovie]:
        return await self.movies(readable, MovieOrder.RATING, limit, offset, language)

    async def movie(
        self, readable: Readable, movie_id: UUID, language: str = DEFAULT_LANGUAGE
    ) -> Movie | None:
        found = self._visible(readable, language)
        return next((r for r in found if r.id == movie_id), None)

    async def files(self, readable: Readable, movie_id: UUID) -> list[MovieFile] | None:
        return [] if await self.movie(readable, movie_id) else None

    async def credits(
        self, readable: Readable, movie_id: UUID, kind: CreditKind, limit: int, offset: int
    ) -> Page[Credit] | None:
        return Page([], 0) if await self.movie(readable, movie_id) else None

    async def genres(self, readable: Readable, movie_id: UUID) -> list[MovieGenre] | None:
        return [] if await self.movie(readable, movie_id) else None

    async def collection(self, readable: Readable, collection_id: UUID) -> Collection | None:
        return None

    async def collection_movies(
        self, readable: Readable, collection_id: UUID, language: str = DEFAULT_LANGUAGE
    ) -> list[Movie] | None:
        return None

    async def movie_collection(self, readable: Readable, movie_id: UUID) -> Collection | None:
        return None

    async def similar(
        self, readable: Readable, movie_id: UUID, limit: int, language: str = DEFAULT_LANGUAGE
    ) -> Page[SimilarMovie] | None:
        if await self.movie(readable, movie_id) is None:
            return None
        others = [
            SimilarMovie(r.id, r.title, shared_genres=1)
            for r in self._visible(readable, language)
            if r.id != movie_id
        ]
        return Page(others[:limit], len(others))

    async def all_genres(self, readable: Readable) -> list[GenreCount]:
        count = len(self._visible(readable))
        return [GenreCount("drama", "Drama", movie_count=count, tvshow_count=0)]


class InMemoryWatchStore:
    def __init__(self) -> None:
        self.records: dict[tuple[UUID, UUID], WatchRecord] = {}
        self.reads = 0

    async def progress(self, user_id: UUID, movie_id: UUID) -> WatchRecord | None:
        return self.records.get((user_id, movie_id))

    async def progress_of(self, user_id: UUID, movie_ids: list[UUID]) -> dict[UUID, WatchState]:
        self.reads += 1
        return {m: self.records[(user_id, m)] for m in movie_ids if (user_id, m) in self.records}

    async def save(
        self, user_id: UUID, movie_id: UUID, progress_s: int, duration_s: int, completed: bool
    ) -> WatchRecord:
        before = self.records.get((user_id, movie_id))
        flipped = completed and not (before is not None and before.is_completed)
        record = WatchRecord(
            progress_seconds=progress_s,
            progress_percent=min(100, round(progress_s * 100 / duration_s)),
            is_completed=completed,
            watch_count=(before.watch_count if before else 0) + (1 if flipped else 0),
            last_watched_at=ADDED,
            duration_seconds=duration_s,
            id=before.id if before else uuid4(),
            user_id=user_id,
            movie_id=movie_id,
            created_at=ADDED,
            updated_at=ADDED,
        )
        self.records[(user_id, movie_id)] = record
        return record

    async def delete(self, user_id: UUID, movie_id: UUID) -> bool:
        return self.records.pop((user_id, movie_id), None) is not None

    async def mark_watched(self, user_id: UUID, movie_id: UUID) -> WatchRecord:
        before = self.records.get((user_id, movie_id))
        duration = (before.duration_seconds if before else None) or 1
        return await self.save(user_id, movie_id, duration, duration, True)

    async def stats(self, user_id: UUID, readable: Readable) -> WatchStats:
        self.reads += 1
        mine = [record for (owner, _), record in self.records.items() if owner == user_id]
        return WatchStats(
            watched_count=sum(1 for record in mine if record.is_completed),
            in_progress_count=sum(1 for record in mine if not record.is_completed),
            total_watches=sum(record.watch_count for record in mine),
        )

    async def continue_watching(
        self, user_id: UUID, readable: Readable, limit: int, language: str = DEFAULT_LANGUAGE
    ) -> list[ResumableMovie]:
        self.reads += 1
        started = [
            ResumableMovie(
                record.movie_id,
                "",
                ADDED,
                ADDED,
                ADDED,
                progress_seconds=record.progress_seconds,
                duration_seconds=record.duration_seconds,
                progress_percent=record.progress_percent,
                is_completed=record.is_completed,
                watch_count=record.watch_count,
                last_watched_at=record.last_watched_at,
            )
            for (owner, _), record in self.records.items()
            if owner == user_id and not record.is_completed
        ]
        return started[:limit]

    async def history(
        self,
        user_id: UUID,
        readable: Readable,
        limit: int,
        offset: int,
        language: str = DEFAULT_LANGUAGE,
    ) -> list[WatchedMovie]:
        self.reads += 1
        mine = [
            WatchedMovie(
                record.movie_id,
                "",
                ADDED,
                ADDED,
                ADDED,
                watch_count=record.watch_count,
                last_watched_at=record.last_watched_at,
            )
            for (owner, _), record in self.records.items()
            if owner == user_id
        ]
        return mine[offset : offset + limit]
