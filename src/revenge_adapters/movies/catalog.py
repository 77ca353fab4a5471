"""The `MovieCatalog` port on PostgreSQL: one statement per read, lists in a constant few."""

# Queries are assembled from constant fragments of this module; every value is a bound parameter.
# ruff: noqa: S608

from __future__ import annotations

from collections import defaultdict
from typing import Any, TypeVar
from uuid import UUID

from sqlalchemy import ARRAY, RowMapping, Uuid, bindparam, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.movies.related import genres_sql, movie_collection_sql, similar_sql
from revenge_adapters.movies.rows import (
    FILE_COLUMNS,
    MOVIE_COLUMNS,
    libraries_of,
    read,
    statement,
    visible,
)
from revenge_domain.credits import CreditKind
from revenge_domain.languages import DEFAULT_LANGUAGE
from revenge_domain.libraries import ALL, Readable
from revenge_domain.movies import (
    Collection,
    Credit,
    GenreCount,
    GenreTag,
    ListedMovie,
    Movie,
    MovieFile,
    MovieGenre,
    MovieOrder,
    Page,
    SimilarMovie,
)

ORDERS = {
    MovieOrder.TITLE: "lower(m.title) ASC",
    MovieOrder.YEAR: "m.year DESC NULLS LAST",
    MovieOrder.ADDED: "m.library_added_at DESC",
    MovieOrder.RATING: "m.vote_average DESC NULLS LAST",
}
TIE_BREAK = "m.library_added_at DESC, m.id"
CREDIT_ORDERS = {
    CreditKind.CAST: "c.cast_order ASC NULLS LAST, p.name, c.id",
    CreditKind.CREW: "c.department, c.job, p.name, c.id",
}
EXISTS = "SELECT 1 FROM movie.movies m WHERE m.id = :movie_id AND {visible}"
IDS = bindparam("ids", type_=ARRAY(Uuid))
T = TypeVar("T")


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
    ) -> Page[ListedMovie]:
        values = {"language": language}
        return await self._page(readable, "TRUE", values, ORDERS[order], limit, offset)

    async def top_rated(
        self,
        readable: Readable,
        min_votes: int,
        limit: int,
        offset: int,
        language: str = DEFAULT_LANGUAGE,
    ) -> Page[ListedMovie]:
        where = "m.vote_average IS NOT NULL AND coalesce(m.vote_count, 0) >= :min_votes"
        order = ORDERS[MovieOrder.RATING]
        values = {"min_votes": min_votes, "language": language}
        return await self._page(readable, where, values, order, limit, offset)

    async def movie(
        self, readable: Readable, movie_id: UUID, language: str = DEFAULT_LANGUAGE
    ) -> Movie | None:
        if nothing_readable(readable):
            return None
        sql = f"SELECT {MOVIE_COLUMNS} FROM movie.movies m WHERE m.id = :movie_id AND "
        values = {"movie_id": movie_id, "language": language}
        rows = await self._rows(sql + visible(readable), readable, values)
        return read(Movie, rows[0]) if rows else None

    async def files(self, readable: Readable, movie_id: UUID) -> list[MovieFile] | None:
        sql = f"""
            SELECT {FILE_COLUMNS}, m.id AS readable_movie
            FROM movie.movies m LEFT JOIN movie.movie_files f
                ON f.movie_id = m.id AND f.deleted_at IS NULL
            WHERE m.id = :movie_id AND {visible(readable)}
            ORDER BY f.file_path
        """
        return await self._children(MovieFile, sql, readable, movie_id)

    async def genres(self, readable: Readable, movie_id: UUID) -> list[MovieGenre] | None:
        sql = f"""
            SELECT g.id, g.movie_id, g.slug, g.name, g.created_at, m.id AS readable_movie
            FROM movie.movies m LEFT JOIN movie.movie_genres g ON g.movie_id = m.id
            WHERE m.id = :movie_id AND {visible(readable)}
            ORDER BY g.name
        """
        return await self._children(MovieGenre, sql, readable, movie_id)

    async def credits(
        self, readable: Readable, movie_id: UUID, kind: CreditKind, limit: int, offset: int
    ) -> Page[Credit] | None:
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
            return Page([read(Credit, row) for row in rows], rows[0]["full_count"])
        exists = EXISTS.format(visible=visible(readable))
        if not await self._rows(exists, readable, {"movie_id": movie_id}):
            return None
        count = "SELECT count(*) AS n FROM movie.movie_credits c WHERE c.movie_id = :movie_id"
        count += " AND c.credit_type = :kind AND c.deleted_at IS NULL"
        total = await self._rows(count, ALL, {"movie_id": movie_id, "kind": kind.value})
        return Page([], total[0]["n"])

    async def collection(self, readable: Readable, collection_id: UUID) -> Collection | None:
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
        return read(Collection, rows[0]) if rows else None

    async def collection_movies(
        self, readable: Readable, collection_id: UUID, language: str = DEFAULT_LANGUAGE
    ) -> list[Movie] | None:
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
        return [read(Movie, row) for row in rows] or None

    async def movie_collection(self, readable: Readable, movie_id: UUID) -> Collection | None:
        if nothing_readable(readable):
            return None
        rows = await self._rows(movie_collection_sql(readable), readable, {"movie_id": movie_id})
        return read(Collection, rows[0]) if rows else None

    async def similar(
        self, readable: Readable, movie_id: UUID, limit: int, language: str = DEFAULT_LANGUAGE
    ) -> Page[SimilarMovie] | None:
        if nothing_readable(readable):
            return None
        values = {"movie_id": movie_id, "limit": limit, "language": language}
        rows = await self._rows(similar_sql(readable), readable, values)
        if not rows:
            return None
        found = [row for row in rows if row["id"] is not None]
        items = [read(SimilarMovie, row) for row in found]
        return Page(items, found[0]["full_count"] if found else 0)

    async def all_genres(self, readable: Readable) -> list[GenreCount]:
        if nothing_readable(readable):
            return []
        return [
            read(GenreCount, row) for row in await self._rows(genres_sql(readable), readable, {})
        ]

    async def _page(
        self,
        readable: Readable,
        where: str,
        values: dict[str, Any],
        order: str,
        limit: int,
        offset: int,
    ) -> Page[ListedMovie]:
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
            rows = list(result.mappings())
            return Page(await self._with_genres_and_files(session, rows), total)

    async def _with_genres_and_files(
        self, session: AsyncSession, rows: list[RowMapping]
    ) -> list[ListedMovie]:
        """Each movie with its genres and files, two queries for the whole page."""
        if not rows:
            return []
        ids = [row["id"] for row in rows]
        genres_sql = text(
            "SELECT g.movie_id, g.slug, g.name FROM movie.movie_genres g "
            "WHERE g.movie_id = ANY(:ids) ORDER BY g.name"
        ).bindparams(IDS)
        files_sql = text(
            f"SELECT {FILE_COLUMNS} FROM movie.movie_files f "
            "WHERE f.movie_id = ANY(:ids) AND f.deleted_at IS NULL ORDER BY f.file_path"
        ).bindparams(IDS)
        genres: dict[UUID, list[GenreTag]] = defaultdict(list)
        files: dict[UUID, list[MovieFile]] = defaultdict(list)
        for row in (await session.execute(genres_sql, {"ids": ids})).mappings():
            genres[row["movie_id"]].append(GenreTag(row["slug"], row["name"]))
        for row in (await session.execute(files_sql, {"ids": ids})).mappings():
            files[row["movie_id"]].append(read(MovieFile, row))
        return [
            read(ListedMovie, row, genres=genres[row["id"]], files=files[row["id"]]) for row in rows
        ]

    async def _children(
        self, kind: type[T], sql: str, readable: Readable, movie_id: UUID
    ) -> list[T] | None:
        """Rows of a LEFT JOIN from the movie: None when the movie is not readable, [] when it
        has no children."""
        if nothing_readable(readable):
            return None
        rows = await self._rows(sql, readable, {"movie_id": movie_id})
        if not rows:
            return None
        return [read(kind, row) for row in rows if row["id"] is not None]

    async def _rows(self, sql: str, readable: Readable, values: dict[str, Any]) -> list[RowMapping]:
        async with self._sessions() as session:
            result = await session.execute(
                statement(sql, readable), {**libraries_of(readable), **values}
            )
            return list(result.mappings())
