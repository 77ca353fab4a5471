"""In-memory movie ports: movies kept with their library, watch records per user."""

from __future__ import annotations

from uuid import UUID

from revenge_domain.languages import DEFAULT_LANGUAGE
from revenge_domain.libraries import ALL, Readable
from revenge_domain.movies import CreditType, MovieOrder, Page, Record


def readable_by(readable: Readable, library_id: UUID) -> bool:
    return readable is ALL or library_id in readable


class InMemoryMovieCatalog:
    """Movies by id, each in one library, titles by language; counts the reads that reached
    it."""

    def __init__(self) -> None:
        self.libraries: dict[str, UUID] = {}
        self.records: dict[str, Record] = {}
        self.titles: dict[str, dict[str, str]] = {}
        self.reads = 0

    def add(
        self, library_id: UUID, movie_id: UUID, title: str, titles: dict[str, str] | None = None
    ) -> None:
        self.libraries[str(movie_id)] = library_id
        self.records[str(movie_id)] = {"id": str(movie_id), "title": title}
        self.titles[str(movie_id)] = titles or {}

    def _visible(self, readable: Readable, language: str = DEFAULT_LANGUAGE) -> list[Record]:
        self.reads += 1
        return [
            {**record, "title": self.titles[movie_id].get(language, record["title"])}
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
    ) -> Page:
        found = self._visible(readable, language)
        return Page(found[offset : offset + limit], len(found))

    async def top_rated(
        self,
        readable: Readable,
        min_votes: int,
        limit: int,
        offset: int,
        language: str = DEFAULT_LANGUAGE,
    ) -> Page:
        return await self.movies(readable, MovieOrder.RATING, limit, offset, language)

    async def movie(
        self, readable: Readable, movie_id: UUID, language: str = DEFAULT_LANGUAGE
    ) -> Record | None:
        found = self._visible(readable, language)
        return next((r for r in found if r["id"] == str(movie_id)), None)

    async def files(self, readable: Readable, movie_id: UUID) -> list[Record] | None:
        return [] if await self.movie(readable, movie_id) else None

    async def credits(
        self, readable: Readable, movie_id: UUID, kind: CreditType, limit: int, offset: int
    ) -> Page | None:
        return Page([], 0) if await self.movie(readable, movie_id) else None

    async def genres(self, readable: Readable, movie_id: UUID) -> list[Record] | None:
        return await self.files(readable, movie_id)

    async def collection(self, readable: Readable, collection_id: UUID) -> Record | None:
        return None

    async def collection_movies(
        self, readable: Readable, collection_id: UUID, language: str = DEFAULT_LANGUAGE
    ) -> list[Record] | None:
        return None

    async def movie_collection(self, readable: Readable, movie_id: UUID) -> Record | None:
        return None

    async def similar(
        self, readable: Readable, movie_id: UUID, limit: int, language: str = DEFAULT_LANGUAGE
    ) -> Page | None:
        if await self.movie(readable, movie_id) is None:
            return None
        others = [r for r in self._visible(readable, language) if r["id"] != str(movie_id)]
        return Page(others[:limit], len(others))

    async def all_genres(self, readable: Readable) -> list[Record]:
        count = len(self._visible(readable))
        return [{"slug": "drama", "name": "Drama", "movie_count": count, "tvshow_count": 0}]


class InMemoryWatchStore:
    def __init__(self) -> None:
        self.records: dict[tuple[UUID, str], Record] = {}
        self.reads = 0

    async def progress(self, user_id: UUID, movie_id: UUID) -> Record | None:
        return self.records.get((user_id, str(movie_id)))

    async def progress_of(self, user_id: UUID, movie_ids: list[str]) -> dict[str, Record]:
        self.reads += 1
        return {m: self.records[(user_id, m)] for m in movie_ids if (user_id, m) in self.records}

    async def save(
        self, user_id: UUID, movie_id: UUID, progress_s: int, duration_s: int, completed: bool
    ) -> Record:
        before = self.records.get((user_id, str(movie_id)), {"watch_count": 0})
        flipped = completed and not before.get("is_completed", False)
        record = {
            "movie_id": str(movie_id),
            "progress_seconds": progress_s,
            "duration_seconds": duration_s,
            "is_completed": completed,
            "watch_count": before["watch_count"] + (1 if flipped else 0),
        }
        self.records[(user_id, str(movie_id))] = record
        return record

    async def delete(self, user_id: UUID, movie_id: UUID) -> bool:
        return self.records.pop((user_id, str(movie_id)), None) is not None

    async def mark_watched(self, user_id: UUID, movie_id: UUID) -> Record:
        before = self.records.get((user_id, str(movie_id)), {})
        duration = before.get("duration_seconds") or 1
        return await self.save(user_id, movie_id, duration, duration, True)

    async def stats(self, user_id: UUID, readable: Readable) -> Record:
        self.reads += 1
        mine = [record for (owner, _), record in self.records.items() if owner == user_id]
        return {
            "watched_count": sum(1 for record in mine if record["is_completed"]),
            "in_progress_count": sum(1 for record in mine if not record["is_completed"]),
            "total_watches": sum(record["watch_count"] for record in mine),
        }

    async def continue_watching(
        self, user_id: UUID, readable: Readable, limit: int, language: str = DEFAULT_LANGUAGE
    ) -> list[Record]:
        self.reads += 1
        started = [
            record
            for (owner, _), record in self.records.items()
            if owner == user_id and not record["is_completed"]
        ]
        return started[:limit]

    async def history(
        self,
        user_id: UUID,
        readable: Readable,
        limit: int,
        offset: int,
        language: str = DEFAULT_LANGUAGE,
    ) -> list[Record]:
        self.reads += 1
        mine = [record for (owner, _), record in self.records.items() if owner == user_id]
        return mine[offset : offset + limit]
