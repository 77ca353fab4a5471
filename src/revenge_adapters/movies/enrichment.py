"""The movie side of the refresh (`MovieMetadataStore`) on PostgreSQL: each write is one
transaction that changes only what differs."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from revenge_adapters.catalog_writes import credit_rows, kept, rowcount
from revenge_adapters.title_writes import (
    PgTitleStore,
    TitleTables,
    cleared_credits,
    credit_columns,
    title_columns,
    title_values,
    unique,
)
from revenge_domain.metadata.refresh.model import (
    MovieFacts,
    MovieTarget,
    Written,
)

_TARGET = """
    SELECT id, library_id, title, year, tmdb_id, imdb_id, poster_path, backdrop_path
    FROM movie.movies WHERE id = :id AND deleted_at IS NULL
"""
_COLUMNS = {
    **title_columns("movie.movies", "numeric(3, 1)"),
    "imdb_id": unique("movie.movies", "imdb_id", "text"),
    "runtime": kept("runtime", "int"),
    "release_date": kept("release_date", "date"),
    "year": "coalesce(x.year, CAST(:year AS int))",
    "budget": kept("budget", "bigint"),
    "revenue": kept("revenue", "bigint"),
}
_CREDITS = """
    SELECT p.tmdb_id, c.credit_type, c.character, c.cast_order, c.job, c.department
    FROM movie.movie_credits c JOIN shared.people p ON p.id = c.person_id
    WHERE c.movie_id = :id AND c.deleted_at IS NULL
"""
_DELETE_CREDITS = "DELETE FROM movie.movie_credits WHERE movie_id = :id"
_INSERT_CREDITS = """
    INSERT INTO movie.movie_credits
        (movie_id, person_id, credit_type, character, cast_order, job, department)
    SELECT :id, * FROM unnest(CAST(:people AS uuid[]), CAST(:types AS text[]),
        CAST(:characters AS text[]), CAST(:orders AS int[]), CAST(:jobs AS text[]),
        CAST(:departments AS text[]))
"""
_COLLECTION = """
    INSERT INTO movie.movie_collections (tmdb_collection_id, name, poster_path, backdrop_path)
    VALUES (:tmdb_id, :name, :poster_path, :backdrop_path)
    ON CONFLICT (tmdb_collection_id) DO UPDATE SET name = EXCLUDED.name,
        poster_path = coalesce(EXCLUDED.poster_path, movie_collections.poster_path),
        backdrop_path = coalesce(EXCLUDED.backdrop_path, movie_collections.backdrop_path)
    WHERE (movie_collections.name, movie_collections.poster_path, movie_collections.backdrop_path)
        IS DISTINCT FROM (EXCLUDED.name,
            coalesce(EXCLUDED.poster_path, movie_collections.poster_path),
            coalesce(EXCLUDED.backdrop_path, movie_collections.backdrop_path))
"""
_MEMBERSHIP = """
    INSERT INTO movie.movie_collection_members (collection_id, movie_id)
    SELECT id, :movie_id FROM movie.movie_collections WHERE tmdb_collection_id = :tmdb_id
    ON CONFLICT (collection_id, movie_id) DO NOTHING
"""


class PgMovieMetadataStore(PgTitleStore[MovieFacts]):
    tables = TitleTables("movie.movies", _COLUMNS, _TARGET, "movie.movie_genres", "movie_id")

    async def movie(self, movie_id: UUID) -> MovieTarget | None:
        row = await self._row(_TARGET, movie_id)
        return MovieTarget(**row) if row is not None else None

    async def write_movie(self, movie_id: UUID, facts: MovieFacts, at: dt.datetime) -> Written:
        related = (_replace_credits, _join_collection)
        return await self._write_title(movie_id, facts, _row_values(movie_id, facts), at, related)


def _row_values(movie_id: UUID, facts: MovieFacts) -> dict[str, Any]:
    return {
        **title_values(movie_id, facts),
        "runtime": facts.runtime,
        "release_date": facts.release_date,
        "year": facts.release_date.year if facts.release_date else None,
        "budget": facts.budget,
        "revenue": facts.revenue,
    }


async def _replace_credits(
    session: AsyncSession, movie_id: UUID, facts: MovieFacts, people: dict[int, UUID]
) -> bool:
    """Credits as the provider lists them; untouched when they are the same already."""
    wanted = [c for c in credit_rows(facts.cast, facts.crew) if c[0] in people]
    if not await cleared_credits(session, _CREDITS, _DELETE_CREDITS, movie_id, wanted):
        return False
    ids = [people[credit[0]] for credit in wanted]
    values = {"id": movie_id, "people": ids, **credit_columns(wanted)}
    await session.execute(text(_INSERT_CREDITS), values)
    return True


async def _join_collection(
    session: AsyncSession, movie_id: UUID, facts: MovieFacts, people: dict[int, UUID]
) -> bool:
    """The provider's collection, created or updated, with the movie in it (a movie the
    provider puts in no collection keeps the ones it has)."""
    collection = facts.collection
    if collection is None:
        return False
    values = {
        "tmdb_id": collection.tmdb_id,
        "name": collection.name,
        "poster_path": collection.poster_path,
        "backdrop_path": collection.backdrop_path,
    }
    upserted = await session.execute(text(_COLLECTION), values)
    joined = await session.execute(
        text(_MEMBERSHIP), {"movie_id": movie_id, "tmdb_id": collection.tmdb_id}
    )
    return bool(rowcount(upserted) or rowcount(joined))
