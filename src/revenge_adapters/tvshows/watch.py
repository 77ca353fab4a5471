"""The `WatchState` port on PostgreSQL: progress rows of readable episodes only."""

# ruff: noqa: S608 - only module constants are put into the SQL text; values are bound.

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import bindparam
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import UUID as PgUUID
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.tvshows.sql import (
    EPISODE_COLUMNS,
    PROGRESS_COLUMNS,
    READABLE,
    entity,
    scope,
    scoped,
)
from revenge_domain.libraries import Readable
from revenge_domain.tvshows.model import Episode, Progress, WatchedEpisode, is_completed

_READABLE_EPISODE = f"""
    SELECT e.id FROM tvshow.episodes e JOIN tvshow.series s ON s.id = e.series_id
    WHERE e.id = :episode_id AND {READABLE}
"""
# One statement marks every chosen episode: new rows, or completed again with a new count.
_MARK = f"""
    INSERT INTO tvshow.episode_watched AS w
        (user_id, episode_id, progress_seconds, duration_seconds, is_completed, watch_count,
         last_watched_at)
    SELECT :user_id, e.id, COALESCE(e.runtime, 0) * 60, COALESCE(e.runtime, 0) * 60, true, 1,
        now()
    FROM tvshow.episodes e JOIN tvshow.series s ON s.id = e.series_id
    WHERE {{which}} AND {READABLE}
    ON CONFLICT (user_id, episode_id) DO UPDATE SET
        is_completed = true, watch_count = w.watch_count + 1,
        progress_seconds = GREATEST(w.progress_seconds, EXCLUDED.progress_seconds),
        duration_seconds = GREATEST(w.duration_seconds, EXCLUDED.duration_seconds),
        last_watched_at = now(), updated_at = now()
"""


class PgWatchState:
    """Per-user episode progress in `tvshow.episode_watched`."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def _rows(self, sql: str, readable: Readable, **params: Any) -> list[dict[str, Any]]:
        async with self._sessions() as session:
            result = await session.execute(scoped(sql), scope(readable, **params))
            return [dict(row) for row in result.mappings()]

    async def _write(self, sql: str, readable: Readable, **params: Any) -> list[dict[str, Any]]:
        async with self._sessions.begin() as session:
            result = await session.execute(scoped(sql), scope(readable, **params))
            return [dict(row) for row in result.mappings()]

    async def progress(
        self, user_id: UUID, readable: Readable, episode_id: UUID
    ) -> Progress | None:
        sql = f"""
            SELECT {PROGRESS_COLUMNS} FROM tvshow.episode_watched w
            JOIN tvshow.episodes e ON e.id = w.episode_id
            JOIN tvshow.series s ON s.id = e.series_id
            WHERE w.user_id = :user_id AND w.episode_id = :episode_id AND {READABLE}
        """
        rows = await self._rows(sql, readable, user_id=user_id, episode_id=episode_id)
        return entity(Progress, rows[0]) if rows else None

    async def save_progress(
        self,
        user_id: UUID,
        readable: Readable,
        episode_id: UUID,
        progress_seconds: int,
        duration_seconds: int,
    ) -> Progress | None:
        completed = is_completed(progress_seconds, duration_seconds)
        sql = f"""
            INSERT INTO tvshow.episode_watched AS w
                (user_id, episode_id, progress_seconds, duration_seconds, is_completed,
                 watch_count, last_watched_at)
            SELECT :user_id, e.id, CAST(:progress AS integer), CAST(:duration AS integer),
                :completed, CAST(:watches AS integer), now()
            FROM tvshow.episodes e JOIN tvshow.series s ON s.id = e.series_id
            WHERE e.id = :episode_id AND {READABLE}
            ON CONFLICT (user_id, episode_id) DO UPDATE SET
                progress_seconds = EXCLUDED.progress_seconds,
                duration_seconds = EXCLUDED.duration_seconds,
                is_completed = EXCLUDED.is_completed,
                watch_count = w.watch_count + EXCLUDED.watch_count,
                last_watched_at = now(), updated_at = now()
            RETURNING {PROGRESS_COLUMNS}
        """
        rows = await self._write(
            sql,
            readable,
            user_id=user_id,
            episode_id=episode_id,
            progress=progress_seconds,
            duration=duration_seconds,
            completed=completed,
            watches=int(completed),
        )
        return entity(Progress, rows[0]) if rows else None

    async def delete_progress(self, user_id: UUID, readable: Readable, episode_id: UUID) -> bool:
        sql = f"""
            DELETE FROM tvshow.episode_watched w
            WHERE w.user_id = :user_id AND w.episode_id IN ({_READABLE_EPISODE})
            RETURNING w.id
        """
        return bool(await self._write(sql, readable, user_id=user_id, episode_id=episode_id))

    async def series_episodes(
        self, user_id: UUID, readable: Readable, series_id: UUID
    ) -> list[WatchedEpisode] | None:
        visible = f"SELECT s.id FROM tvshow.series s WHERE s.id = :series_id AND {READABLE}"
        if not await self._rows(visible, readable, series_id=series_id):
            return None
        sql = f"""
            SELECT {EPISODE_COLUMNS}, COALESCE(w.is_completed, false) AS completed
            FROM tvshow.episodes e JOIN tvshow.series s ON s.id = e.series_id
            LEFT JOIN tvshow.episode_watched w
                ON w.episode_id = e.id AND w.user_id = :user_id
            WHERE e.series_id = :series_id AND {READABLE}
        """
        rows = await self._rows(sql, readable, user_id=user_id, series_id=series_id)
        return [
            WatchedEpisode(entity(Episode, row), completed)
            for row in rows
            if (completed := row.pop("completed")) is not None
        ]

    async def mark_episodes(
        self, user_id: UUID, readable: Readable, episode_ids: list[UUID]
    ) -> int:
        statement = scoped(_MARK.format(which="e.id = ANY(:episode_ids)")).bindparams(
            bindparam("episode_ids", type_=ARRAY(PgUUID(as_uuid=True)))
        )
        async with self._sessions.begin() as session:
            params = scope(readable, user_id=user_id, episode_ids=episode_ids)
            result = await session.execute(statement, params)
            return int(getattr(result, "rowcount", 0))

    async def mark_season(self, user_id: UUID, readable: Readable, season_id: UUID) -> int:
        sql = _MARK.format(which="e.season_id = :season_id")
        async with self._sessions.begin() as session:
            result = await session.execute(
                scoped(sql), scope(readable, user_id=user_id, season_id=season_id)
            )
            return int(getattr(result, "rowcount", 0))
