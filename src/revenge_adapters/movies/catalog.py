"""The `MovieCatalog` port on PostgreSQL: one statement per read, lists in a constant few."""

# Queries are assembled from constant fragments of this module; every value is a bound parameter.
# ruff: noqa: S608

from __future__ import annotations

from collections import defaultdict
from typing import Any
from uuid import UUID

from sqlalchemy import ARRAY, Uuid, bindparam, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.movies.related import genres_sql, movie_collection_sql, similar_sql
from revenge_adapters.movies.rows import (
    FILE_COLUMNS,
    MOVIE_COLUMNS,
    libraries_of,
    record,
    statement,
    visible,
)
from revenge_domain.languages import DEFAULT_LANGUAGE
from revenge_domain.libraries import ALL, Readable
from revenge_domain.movies import CreditType, MovieOrder, Page, Record

ORDERS = {
    MovieOrder.TITLE: "lower(m.title) ASC",
    MovieOrder.YEAR: "m.year DESC NULLS LAST",
    MovieOrder.ADDED: "m.library_added_at DESC",
    MovieOrder.RATING: "m.vote_average DESC NULLS LAST",
}
TIE_BREAK = "m.library_added_at DESC, m.id"
CREDIT_ORDERS = {
    CreditType.CAST: "c.cast_order ASC NULLS LAST, p.name, c.id",
    CreditType.CREW: "c.department, c.job, p.name, c.id",
}
EXISTS = "SELECT 1 FROM movie.movies m WHERE m.id = :movie_id AND {visible}"
IDS = bindparam("ids", type_=ARRAY(Uuid))


def nothing_readable(readable: Readable) -> bool:
    return readable is not ALL and not readable


class PgMovieCatalog:
    """Movies read with the caller's library filter inside each query."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def movies(
        self,
        readable: Readable,
        order: MovieOrder,
        limit: int,
        offset: int,
        language: str = DEFAULT_LANGUAGE,
    ) -> Page:
        values = {"language": language}
        return await self._page(readable, "TRUE", values, ORDERS[order], limit, offset)

    async def top_rated(
        self,
        readable: Readable,
        min_votes: int,
        limit: int,
        offset: int,
        language: str = DEFAULT_LANGUAGE,
    ) -> Page:
        where = "m.vote_average IS NOT NULL AND coalesce(m.vote_count, 0) >= :min_votes"
        order = ORDERS[MovieOrder.RATING]
        values = {"min_votes": min_votes, "language": language}
        return await self._page(readable, where, values, order, limit, offset)

    async def movie(
        self, readable: Readable, movie_id: UUID, language: str = DEFAULT_LANGUAGE
    ) -> Record | None:
        if nothing_readable(readable):
            return None
        sql = f"SELECT {MOVIE_COLUMNS} FROM movie.movies m WHERE m.id = :movie_id AND "
        values = {"movie_id": movie_id, "language": language}
        rows = await self._rows(sql + visible(readable), readable, values)
        return rows[0] if rows else None

    async def files(self, readable: Readable, movie_id: UUID) -> list[Record] | None:
        sql = f"""
            SELECT {FILE_COLUMNS}, m.id AS readable_movie
            FROM movie.movies m LEFT JOIN movie.movie_files f
                ON f.movie_id = m.id AND f.deleted_at IS NULL
            WHERE m.id = :movie_id AND {visible(readable)}
            ORDER BY f.file_path
        """
        return await self._children(sql, readable, movie_id)

    async def genres(self, readable: Readable, movie_id: UUID) -> list[Record] | None:
        sql = f"""
            SELECT g.id, g.movie_id, g.slug, g.name, g.created_at, m.id AS readable_movie
            FROM movie.movies m LEFT JOIN movie.movie_genres g ON g.movie_id = m.id
            WHERE m.id = :movie_id AND {visible(readable)}
            ORDER BY g.name
        """
        return await self._children(sql, readable, movie_id)

    async def credits(
        self, readable: Readable, movie_id: UUID, kind: CreditType, limit: int, offset: int
    ) -> Page | None:
        if nothing_readable(readable):
            return None
        sql = f"""
            SELECT c.id, c.movie_id, p.tmdb_id AS tmdb_person_id, p.name, c.credit_type,
                c.character, c.job, c.department, c.cast_order, p.profile_path, c.created_at,
                c.updated_at, count(*) OVER () AS full_count
            FROM movie.movie_credits c JOIN shared.people p ON p.id = c.person_id
            WHERE c.movie_id = :movie_id AND c.credit_type = :kind AND c.deleted_at IS NULL
                AND EXISTS ({EXISTS.format(visible=visible(readable))})
            ORDER BY {CREDIT_ORDERS[kind]} LIMIT :limit OFFSET :offset
        """
        values = {"movie_id": movie_id, "kind": kind.value, "limit": limit, "offset": offset}
        rows = await self._rows(sql, readable, values)
        if rows:
            items = [without_unknown(without(row, "full_count"), "tmdb_person_id") for row in rows]
            return Page(items, rows[0]["full_count"])
        exists = EXISTS.format(visible=visible(readable))
        if not await self._rows(exists, readable, {"movie_id": movie_id}):
            return None
        count = "SELECT count(*) AS n FROM movie.movie_credits c WHERE c.movie_id = :movie_id"
        count += " AND c.credit_type = :kind AND c.deleted_at IS NULL"
        total = await self._rows(count, ALL, {"movie_id": movie_id, "kind": kind.value})
        return Page([], total[0]["n"])

    async def collection(self, readable: Readable, collection_id: UUID) -> Record | None:
        if nothing_readable(readable):
            return None
        sql = f"""
            SELECT k.id, k.tmdb_collection_id, k.name, k.overview, k.poster_path,
                k.backdrop_path, k.created_at, k.updated_at
            FROM movie.movie_collections k
            WHERE k.id = :collection_id AND k.deleted_at IS NULL AND EXISTS (
                SELECT 1 FROM movie.movie_collection_members cm
                JOIN movie.movies m ON m.id = cm.movie_id
                WHERE cm.collection_id = k.id AND {visible(readable)})
        """
        rows = await self._rows(sql, readable, {"collection_id": collection_id})
        return rows[0] if rows else None

    async def collection_movies(
        self, readable: Readable, collection_id: UUID, language: str = DEFAULT_LANGUAGE
    ) -> list[Record] | None:
        if nothing_readable(readable):
            return None
        sql = f"""
            SELECT {MOVIE_COLUMNS}
            FROM movie.movie_collection_members cm
            JOIN movie.movie_collections k ON k.id = cm.collection_id AND k.deleted_at IS NULL
            JOIN movie.movies m ON m.id = cm.movie_id
            WHERE cm.collection_id = :collection_id AND {visible(readable)}
            ORDER BY cm.collection_order NULLS LAST, m.year, m.id
        """
        values = {"collection_id": collection_id, "language": language}
        rows = await self._rows(sql, readable, values)
        return rows or None

    async def movie_collection(self, readable: Readable, movie_id: UUID) -> Record | None:
        if nothing_readable(readable):
            return None
        rows = await self._rows(movie_collection_sql(readable), readable, {"movie_id": movie_id})
        return rows[0] if rows else None

    async def similar(
        self, readable: Readable, movie_id: UUID, limit: int, language: str = DEFAULT_LANGUAGE
    ) -> Page | None:
        if nothing_readable(readable):
            return None
        values = {"movie_id": movie_id, "limit": limit, "language": language}
        rows = await self._rows(similar_sql(readable), readable, values)
        if not rows:
            return None
        found = [row for row in rows if row["id"] is not None]
        items = [
            {
                **without_unknown(without(without(row, "source"), "full_count"), "tmdb_id"),
                "in_library": True,
            }
            for row in found
        ]
        return Page(items, found[0]["full_count"] if found else 0)

    async def all_genres(self, readable: Readable) -> list[Record]:
        if nothing_readable(readable):
            return []
        return await self._rows(genres_sql(readable), readable, {})

    async def _page(
        self,
        readable: Readable,
        where: str,
        values: dict[str, Any],
        order: str,
        limit: int,
        offset: int,
    ) -> Page:
        if nothing_readable(readable):
            return Page([], 0)
        condition = f"{visible(readable)} AND {where}"
        count = f"SELECT count(*) AS n FROM movie.movies m WHERE {condition}"
        sql = f"""
            SELECT {MOVIE_COLUMNS} FROM movie.movies m WHERE {condition}
            ORDER BY {order}, {TIE_BREAK} LIMIT :limit OFFSET :offset
        """
        bound = {**libraries_of(readable), **values}
        # One session for the four statements: one connection checkout, one transaction.
        async with self._sessions() as session:
            total = (await session.execute(statement(count, readable), bound)).scalar_one()
            paged = {**bound, "limit": limit, "offset": offset}
            result = await session.execute(statement(sql, readable), paged)
            items = [record(row) for row in result.mappings()]
            return Page(await self._with_genres_and_files(session, items), total)

    async def _with_genres_and_files(
        self, session: AsyncSession, items: list[Record]
    ) -> list[Record]:
        """Each item's genres and files, two queries for the whole page."""
        if not items:
            return items
        ids = [UUID(item["id"]) for item in items]
        genres_sql = text(
            "SELECT g.movie_id, g.slug, g.name FROM movie.movie_genres g "
            "WHERE g.movie_id = ANY(:ids) ORDER BY g.name"
        ).bindparams(IDS)
        files_sql = text(
            f"SELECT {FILE_COLUMNS} FROM movie.movie_files f "
            "WHERE f.movie_id = ANY(:ids) AND f.deleted_at IS NULL ORDER BY f.file_path"
        ).bindparams(IDS)
        genres: dict[str, list[Record]] = defaultdict(list)
        files: dict[str, list[Record]] = defaultdict(list)
        for row in (await session.execute(genres_sql, {"ids": ids})).mappings():
            genres[str(row["movie_id"])].append({"slug": row["slug"], "name": row["name"]})
        for row in (await session.execute(files_sql, {"ids": ids})).mappings():
            files[str(row["movie_id"])].append(record(row))
        return [
            {**item, "genres": genres[item["id"]], "files": files[item["id"]]} for item in items
        ]

    async def _children(self, sql: str, readable: Readable, movie_id: UUID) -> list[Record] | None:
        """Rows of a LEFT JOIN from the movie: None when the movie is not readable, [] when it
        has no children."""
        if nothing_readable(readable):
            return None
        rows = await self._rows(sql, readable, {"movie_id": movie_id})
        if not rows:
            return None
        return [without(row, "readable_movie") for row in rows if row["id"] is not None]

    async def _rows(self, sql: str, readable: Readable, values: dict[str, Any]) -> list[Record]:
        async with self._sessions() as session:
            result = await session.execute(
                statement(sql, readable), {**libraries_of(readable), **values}
            )
            return [record(row) for row in result.mappings()]


def without(row: Record, key: str) -> Record:
    return {name: value for name, value in row.items() if name != key}


def without_unknown(row: Record, *optional: str) -> Record:
    """`row` less the `optional` fields it has no value for (the contract has them optional,
    never null)."""
    return {name: value for name, value in row.items() if value is not None or name not in optional}
