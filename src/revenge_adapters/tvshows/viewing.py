"""The `ViewingRecord` port on PostgreSQL: every query joins the series and keeps readable ones."""

# ruff: noqa: S608 - only module constants are put into the SQL text; values are bound.

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.tvshows.sql import EPISODE_COLUMNS, READABLE, entity, scope, scoped
from revenge_domain.libraries import Readable
from revenge_domain.tvshows.model import Episode
from revenge_domain.tvshows.viewing import (
    AiredEpisode,
    EpisodeFile,
    ResumePoint,
    SeriesStats,
    UserStats,
)

_VISIBLE_SERIES = f"SELECT s.id FROM tvshow.series s WHERE s.id = :id AND {READABLE}"
_VISIBLE_EPISODE = f"""
    SELECT e.id FROM tvshow.episodes e JOIN tvshow.series s ON s.id = e.series_id
    WHERE e.id = :id AND {READABLE}
"""
_AIRED = f"""
    SELECT e.id, e.series_id, s.title AS series_title, e.season_id, e.season_number,
        e.episode_number, e.title, e.created_at, s.poster_path AS series_poster_path, e.tmdb_id,
        e.tvdb_id, e.overview, e.air_date, e.runtime, e.still_path
    FROM tvshow.episodes e JOIN tvshow.series s ON s.id = e.series_id
    WHERE e.air_date {{when}} CURRENT_DATE AND {READABLE}
    ORDER BY e.air_date {{direction}}, lower(s.title), e.season_number, e.episode_number, e.id
    LIMIT :limit OFFSET :offset
"""
# Per series, the latest episode the user started and has not completed.
_RESUME = f"""
    SELECT * FROM (
        SELECT DISTINCT ON (e.series_id) e.series_id, s.title AS series_title,
            s.poster_path AS series_poster_path, e.id AS episode_id, e.title AS episode_title,
            e.season_number, e.episode_number, w.progress_seconds, w.duration_seconds,
            w.last_watched_at
        FROM tvshow.episode_watched w
        JOIN tvshow.episodes e ON e.id = w.episode_id
        JOIN tvshow.series s ON s.id = e.series_id
        WHERE w.user_id = :user_id AND NOT w.is_completed AND w.progress_seconds > 0
            AND w.last_watched_at IS NOT NULL AND {READABLE}
        ORDER BY e.series_id, w.last_watched_at DESC, e.id
    ) latest
    ORDER BY latest.last_watched_at DESC, latest.series_id LIMIT :limit
"""
_SERIES_STATS = f"""
    SELECT s.id AS series_id, count(e.id) AS total_episodes,
        count(e.id) FILTER (WHERE w.is_completed) AS watched_episodes,
        CAST(COALESCE(sum(e.runtime), 0) AS bigint) AS total_runtime_minutes,
        CAST(COALESCE(sum(e.runtime) FILTER (WHERE w.is_completed), 0) AS bigint)
            AS watched_runtime_minutes,
        max(w.last_watched_at) AS last_watched_at
    FROM tvshow.series s
    LEFT JOIN tvshow.episodes e ON e.series_id = s.id
    LEFT JOIN tvshow.episode_watched w ON w.episode_id = e.id AND w.user_id = :user_id
    WHERE s.id = :id AND {READABLE}
    GROUP BY s.id
"""
_USER_STATS = f"""
    WITH watched AS (
        SELECT e.series_id, count(*) FILTER (WHERE w.is_completed) AS done,
            sum(w.progress_seconds) AS seconds,
            (SELECT count(*) FROM tvshow.episodes x WHERE x.series_id = e.series_id) AS total
        FROM tvshow.episode_watched w
        JOIN tvshow.episodes e ON e.id = w.episode_id
        JOIN tvshow.series s ON s.id = e.series_id
        WHERE w.user_id = :user_id AND {READABLE}
        GROUP BY e.series_id
    )
    SELECT count(*) AS total_series,
        CAST(COALESCE(sum(done), 0) AS bigint) AS total_episodes_watched,
        CAST(COALESCE(sum(seconds), 0) / 60 AS bigint) AS total_watch_time_minutes,
        count(*) FILTER (WHERE done >= total) AS completed_series,
        count(*) FILTER (WHERE done < total) AS current_series
    FROM watched
"""
_MARK_ONE = f"""
    INSERT INTO tvshow.episode_watched AS w
        (user_id, episode_id, progress_seconds, duration_seconds, is_completed, watch_count,
         last_watched_at)
    SELECT :user_id, e.id, d.seconds, d.seconds, true, 1, now()
    FROM tvshow.episodes e JOIN tvshow.series s ON s.id = e.series_id
    CROSS JOIN LATERAL (
        SELECT COALESCE(CAST(:duration AS integer), COALESCE(e.runtime, 0) * 60) AS seconds
    ) d
    WHERE e.id = :id AND {READABLE}
    ON CONFLICT (user_id, episode_id) DO UPDATE SET
        is_completed = true, watch_count = w.watch_count + 1,
        progress_seconds = GREATEST(w.progress_seconds, EXCLUDED.progress_seconds),
        duration_seconds = GREATEST(w.duration_seconds, EXCLUDED.duration_seconds),
        last_watched_at = now(), updated_at = now()
    RETURNING w.id
"""


class PgViewingRecord:
    """Cross-series reads and single marks over schema `tvshow`."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def _rows(self, sql: str, readable: Readable, **params: Any) -> list[dict[str, Any]]:
        async with self._sessions() as session:
            result = await session.execute(scoped(sql), scope(readable, **params))
            return [dict(row) for row in result.mappings()]

    async def series_episodes(self, readable: Readable, series_id: UUID) -> list[Episode] | None:
        if not await self._rows(_VISIBLE_SERIES, readable, id=series_id):
            return None
        sql = f"""
            SELECT {EPISODE_COLUMNS} FROM tvshow.episodes e
            JOIN tvshow.series s ON s.id = e.series_id
            WHERE e.series_id = :id AND {READABLE}
            ORDER BY e.season_number, e.episode_number, e.id
        """
        return [entity(Episode, row) for row in await self._rows(sql, readable, id=series_id)]

    async def episode_files(self, readable: Readable, episode_id: UUID) -> list[EpisodeFile] | None:
        if not await self._rows(_VISIBLE_EPISODE, readable, id=episode_id):
            return None
        sql = f"""
            SELECT f.id, f.episode_id, f.file_path, f.file_name, f.file_size, f.created_at,
                f.updated_at, f.resolution, f.quality_profile, f.video_codec, f.audio_codec,
                f.container, CAST(round(f.duration_seconds) AS integer) AS duration_seconds,
                f.bitrate_kbps, f.audio_languages, f.subtitle_languages, f.sonarr_file_id
            FROM tvshow.episode_files f
            JOIN tvshow.episodes e ON e.id = f.episode_id
            JOIN tvshow.series s ON s.id = e.series_id
            WHERE f.episode_id = :id AND {READABLE} ORDER BY f.file_path, f.id
        """
        rows = await self._rows(sql, readable, id=episode_id)
        return [entity(EpisodeFile, row) for row in rows]

    async def aired(
        self, readable: Readable, upcoming: bool, limit: int, offset: int
    ) -> list[AiredEpisode]:
        when, direction = (">", "ASC") if upcoming else ("<=", "DESC")
        sql = _AIRED.format(when=when, direction=direction)
        rows = await self._rows(sql, readable, limit=limit, offset=offset)
        return [entity(AiredEpisode, row) for row in rows]

    async def resume_points(
        self, user_id: UUID, readable: Readable, limit: int
    ) -> list[ResumePoint]:
        rows = await self._rows(_RESUME, readable, user_id=user_id, limit=limit)
        return [entity(ResumePoint, row) for row in rows]

    async def series_stats(
        self, user_id: UUID, readable: Readable, series_id: UUID
    ) -> SeriesStats | None:
        rows = await self._rows(_SERIES_STATS, readable, user_id=user_id, id=series_id)
        return entity(SeriesStats, rows[0]) if rows else None

    async def user_stats(self, user_id: UUID, readable: Readable) -> UserStats:
        rows = await self._rows(_USER_STATS, readable, user_id=user_id)
        return UserStats(user_id=user_id, **rows[0])

    async def mark_episode(
        self, user_id: UUID, readable: Readable, episode_id: UUID, duration_seconds: int | None
    ) -> bool:
        async with self._sessions.begin() as session:
            params = scope(readable, user_id=user_id, id=episode_id, duration=duration_seconds)
            result = await session.execute(scoped(_MARK_ONE), params)
            return result.first() is not None
