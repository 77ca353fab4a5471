"""The `MovieWatchStore` port on PostgreSQL (`movie.movie_watched`)."""

# Queries are assembled from constant fragments of this module; every value is a bound parameter.
# ruff: noqa: S608

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import ARRAY, RowMapping, Uuid, bindparam, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.movies.rows import (
    MOVIE_COLUMNS,
    WATCH_COLUMNS,
    libraries_of,
    read,
    statement,
    visible,
)
from revenge_domain.languages import DEFAULT_LANGUAGE
from revenge_domain.libraries import ALL, Readable
from revenge_domain.movies import (
    ResumableMovie,
    WatchedMovie,
    WatchRecord,
    WatchState,
    WatchStats,
)

RECORD_COLUMNS = f"w.id, w.user_id, w.movie_id, {WATCH_COLUMNS}, w.created_at, w.updated_at"

INSERT = """
    INSERT INTO movie.movie_watched AS w (user_id, movie_id, progress_seconds,
        duration_seconds, is_completed, completed_at, watch_count)
"""

UPSERT = f"""
    ON CONFLICT (user_id, movie_id) DO UPDATE SET
        progress_seconds = EXCLUDED.progress_seconds,
        duration_seconds = EXCLUDED.duration_seconds,
        is_completed = EXCLUDED.is_completed,
        completed_at = CASE WHEN EXCLUDED.is_completed AND NOT w.is_completed THEN now()
            ELSE w.completed_at END,
        watch_count = w.watch_count
            + CASE WHEN EXCLUDED.is_completed AND NOT w.is_completed THEN 1 ELSE 0 END,
        last_watched_at = now()
    RETURNING {RECORD_COLUMNS}
"""

SAVE = f"""{INSERT}
    VALUES (:user_id, :movie_id, :progress, :duration, :completed,
        CASE WHEN :completed THEN now() END, CASE WHEN :completed THEN 1 ELSE 0 END)
    {UPSERT}
"""

# Watched to the end of the best known duration: the user's record, the longest file, the runtime.
MARK_WATCHED = f"""{INSERT}
    SELECT :user_id, m.id, d.seconds, d.seconds, TRUE, now(), 1
    FROM movie.movies m, LATERAL (SELECT greatest(coalesce(
        (SELECT k.duration_seconds FROM movie.movie_watched k
            WHERE k.user_id = :user_id AND k.movie_id = m.id),
        (SELECT max(f.duration_seconds) FROM movie.movie_files f
            WHERE f.movie_id = m.id AND f.deleted_at IS NULL),
        m.runtime * 60), 1) AS seconds) d
    WHERE m.id = :movie_id
    {UPSERT}
"""

STATS = """
    SELECT count(*) FILTER (WHERE w.is_completed) AS watched_count,
        count(*) FILTER (WHERE NOT w.is_completed AND w.progress_percent > 5)
            AS in_progress_count,
        coalesce(sum(w.watch_count), 0) AS total_watches
    FROM movie.movie_watched w JOIN movie.movies m ON m.id = w.movie_id
    WHERE w.user_id = :user_id AND {visible}
"""
NO_STATS = WatchStats(watched_count=0, in_progress_count=0, total_watches=0)


class PgMovieWatchStore:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def progress(self, user_id: UUID, movie_id: UUID) -> WatchRecord | None:
        sql = f"""SELECT {RECORD_COLUMNS} FROM movie.movie_watched w
            WHERE w.user_id = :user_id AND w.movie_id = :movie_id"""
        rows = await self._rows(sql, ALL, {"user_id": user_id, "movie_id": movie_id})
        return read(WatchRecord, rows[0]) if rows else None

    async def progress_of(self, user_id: UUID, movie_ids: list[UUID]) -> dict[UUID, WatchState]:
        sql = text(
            f"SELECT w.movie_id, {WATCH_COLUMNS} FROM movie.movie_watched w "
            "WHERE w.user_id = :user_id AND w.movie_id = ANY(:ids)"
        ).bindparams(bindparam("ids", type_=ARRAY(Uuid)))
        values = {"user_id": user_id, "ids": movie_ids}
        async with self._sessions() as session:
            rows = (await session.execute(sql, values)).mappings()
            return {row["movie_id"]: read(WatchState, row) for row in rows}

    async def save(
        self, user_id: UUID, movie_id: UUID, progress_s: int, duration_s: int, completed: bool
    ) -> WatchRecord:
        values = {
            "user_id": user_id,
            "movie_id": movie_id,
            "progress": progress_s,
            "duration": duration_s,
            "completed": completed,
        }
        async with self._sessions() as session, session.begin():
            row = (await session.execute(text(SAVE), values)).mappings().one()
        return read(WatchRecord, row)

    async def delete(self, user_id: UUID, movie_id: UUID) -> bool:
        sql = text(
            "DELETE FROM movie.movie_watched WHERE user_id = :user_id AND movie_id = :movie_id"
        )
        async with self._sessions() as session, session.begin():
            result = await session.execute(sql, {"user_id": user_id, "movie_id": movie_id})
        return bool(getattr(result, "rowcount", 0))

    async def mark_watched(self, user_id: UUID, movie_id: UUID) -> WatchRecord:
        values = {"user_id": user_id, "movie_id": movie_id}
        async with self._sessions() as session, session.begin():
            row = (await session.execute(text(MARK_WATCHED), values)).mappings().one()
        return read(WatchRecord, row)

    async def stats(self, user_id: UUID, readable: Readable) -> WatchStats:
        sql = STATS.format(visible=visible(readable))
        rows = await self._rows(sql, readable, {"user_id": user_id})
        return read(WatchStats, rows[0]) if rows else NO_STATS

    async def continue_watching(
        self, user_id: UUID, readable: Readable, limit: int, language: str = DEFAULT_LANGUAGE
    ) -> list[ResumableMovie]:
        sql = f"""
            SELECT {MOVIE_COLUMNS}, {WATCH_COLUMNS}
            FROM movie.movie_watched w JOIN movie.movies m ON m.id = w.movie_id
            WHERE w.user_id = :user_id AND NOT w.is_completed AND w.progress_seconds > 0
                AND {visible(readable)}
            ORDER BY w.last_watched_at DESC, m.id LIMIT :limit
        """
        values = {"user_id": user_id, "limit": limit, "language": language}
        return [read(ResumableMovie, row) for row in await self._rows(sql, readable, values)]

    async def history(
        self,
        user_id: UUID,
        readable: Readable,
        limit: int,
        offset: int,
        language: str = DEFAULT_LANGUAGE,
    ) -> list[WatchedMovie]:
        sql = f"""
            SELECT {MOVIE_COLUMNS}, w.watch_count, w.last_watched_at
            FROM movie.movie_watched w JOIN movie.movies m ON m.id = w.movie_id
            WHERE w.user_id = :user_id AND {visible(readable)}
            ORDER BY w.last_watched_at DESC, m.id LIMIT :limit OFFSET :offset
        """
        values = {"user_id": user_id, "limit": limit, "offset": offset, "language": language}
        return [read(WatchedMovie, row) for row in await self._rows(sql, readable, values)]

    async def _rows(self, sql: str, readable: Readable, values: dict[str, Any]) -> list[RowMapping]:
        if readable is not ALL and not readable:
            return []
        async with self._sessions() as session:
            result = await session.execute(
                statement(sql, readable), {**libraries_of(readable), **values}
            )
            return list(result.mappings())
