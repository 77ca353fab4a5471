"""The `EpisodeWriter` port on PostgreSQL: series, seasons, episodes and episode files in
schema `tvshow`.

A multi-episode file is attached to its first episode and linked to the others
(`tvshow.episode_file_episodes`). When a file goes, its episodes go unless another file holds
them, then seasons without episodes and series without seasons.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import ARRAY, Uuid, bindparam, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.scanning.movie_writer import LOCK, media_values
from revenge_adapters.scanning.refresh_outbox import REFRESH_DUE
from revenge_adapters.scanning.scan_writes import RELAXED, move_file_row
from revenge_domain.ports.catalog_changes import Entity
from revenge_domain.scanning.model import (
    CatalogDelta,
    EpisodeFacts,
    FileStat,
    SeriesFacts,
    VideoFile,
)

IDS = bindparam("ids", type_=ARRAY(Uuid))
FIND_SERIES = text(
    """
    SELECT id FROM (
        SELECT id, created_at FROM tvshow.series
        WHERE tmdb_id = CAST(:tmdb_id AS integer) AND library_id = :library_id
        UNION ALL
        SELECT id, created_at FROM tvshow.series
        WHERE tvdb_id = CAST(:tvdb_id AS integer) AND library_id = :library_id
        UNION ALL
        SELECT id, created_at FROM tvshow.series
        WHERE lower(title) = lower(:title) AND library_id = :library_id
    ) found
    ORDER BY created_at LIMIT 1
    """
)
CREATE_SERIES = text(
    """
    INSERT INTO tvshow.series (library_id, title, original_title, overview, first_air_date,
        imdb_id, poster_path, backdrop_path, tmdb_id, tvdb_id)
    VALUES (:library_id, :title, :original_title, :overview, :first_air_date, :imdb_id,
        :poster, :fanart,
        (SELECT CAST(:tmdb_id AS integer) WHERE NOT EXISTS
            (SELECT 1 FROM tvshow.series WHERE tmdb_id = CAST(:tmdb_id AS integer))),
        (SELECT CAST(:tvdb_id AS integer) WHERE NOT EXISTS
            (SELECT 1 FROM tvshow.series WHERE tvdb_id = CAST(:tvdb_id AS integer))))
    RETURNING id
    """
)
FILL_SERIES = text(
    """
    UPDATE tvshow.series SET original_title = coalesce(original_title, :original_title),
        overview = coalesce(overview, :overview),
        first_air_date = coalesce(first_air_date, :first_air_date),
        imdb_id = coalesce(imdb_id, :imdb_id), poster_path = coalesce(poster_path, :poster),
        backdrop_path = coalesce(backdrop_path, :fanart)
    WHERE id = :series_id
    """
)
# No row lock on an existing season: concurrent matches of one series would deadlock on them.
# One statement finds or creates it; a season another match created after this statement's
# snapshot is found by SEASON.
NEW_SEASON = text(
    """
    WITH created AS (
        INSERT INTO tvshow.seasons (series_id, season_number, name)
        VALUES (:series_id, :number, :name)
        ON CONFLICT (series_id, season_number) DO NOTHING RETURNING id
    )
    SELECT id FROM created UNION ALL
    SELECT id FROM tvshow.seasons WHERE series_id = :series_id AND season_number = :number
    LIMIT 1
    """
)
SEASON = text(
    "SELECT id FROM tvshow.seasons WHERE series_id = :series_id AND season_number = :number"
)
EPISODE = text(
    """
    INSERT INTO tvshow.episodes (series_id, season_id, season_number, episode_number, title,
        overview, air_date)
    VALUES (:series_id, :season_id, :season_number, :number, :title, :overview, :air_date)
    ON CONFLICT (series_id, season_number, episode_number) DO UPDATE SET
        title = CASE WHEN tvshow.episodes.title = :default_title THEN EXCLUDED.title
            ELSE tvshow.episodes.title END,
        overview = coalesce(tvshow.episodes.overview, EXCLUDED.overview),
        air_date = coalesce(tvshow.episodes.air_date, EXCLUDED.air_date)
    RETURNING id
    """
)
OLD_EPISODES = text(
    """
    SELECT f.id AS file_id, f.episode_id FROM tvshow.episode_files f WHERE f.file_path = :path
    UNION ALL
    SELECT l.episode_file_id, l.episode_id FROM tvshow.episode_file_episodes l
    JOIN tvshow.episode_files f ON f.id = l.episode_file_id WHERE f.file_path = :path
    """
)
# Returns the file's id and the episodes it held before (read in the statement's snapshot).
ATTACH = text(
    """
    WITH old AS (
        SELECT f.episode_id FROM tvshow.episode_files f WHERE f.file_path = :path
        UNION ALL
        SELECT l.episode_id FROM tvshow.episode_file_episodes l
        JOIN tvshow.episode_files f ON f.id = l.episode_file_id WHERE f.file_path = :path
    )
    INSERT INTO tvshow.episode_files (episode_id, file_path, file_name, file_size, container,
        resolution, video_codec, audio_codec, bitrate_kbps, duration_seconds, audio_languages,
        subtitle_languages)
    VALUES (:episode_id, :path, :name, :size, :container, :resolution, :video_codec,
        :audio_codec, :bitrate, :duration, :audio_languages, :subtitle_languages)
    ON CONFLICT (file_path) DO UPDATE SET episode_id = EXCLUDED.episode_id,
        file_name = EXCLUDED.file_name, file_size = EXCLUDED.file_size,
        container = EXCLUDED.container, resolution = EXCLUDED.resolution,
        video_codec = EXCLUDED.video_codec, audio_codec = EXCLUDED.audio_codec,
        bitrate_kbps = EXCLUDED.bitrate_kbps, duration_seconds = EXCLUDED.duration_seconds,
        audio_languages = EXCLUDED.audio_languages,
        subtitle_languages = EXCLUDED.subtitle_languages
    RETURNING id, (SELECT array_agg(episode_id) FROM old) AS old_episodes
    """
)
UNLINK = text("DELETE FROM tvshow.episode_file_episodes WHERE episode_file_id = :file_id")
LINK = text(
    "INSERT INTO tvshow.episode_file_episodes (episode_file_id, episode_id)"
    " VALUES (:file_id, :episode_id) ON CONFLICT DO NOTHING"
)
DETACH = text("DELETE FROM tvshow.episode_files WHERE file_path = :path")
DROP_BARE_EPISODES = text(
    """
    DELETE FROM tvshow.episodes e WHERE e.id = ANY(:ids)
        AND NOT EXISTS (SELECT 1 FROM tvshow.episode_files f WHERE f.episode_id = e.id)
        AND NOT EXISTS (SELECT 1 FROM tvshow.episode_file_episodes l WHERE l.episode_id = e.id)
    RETURNING e.id, e.series_id, e.season_id
    """
).bindparams(IDS)
DROP_BARE_SEASONS = text(
    """
    DELETE FROM tvshow.seasons n WHERE n.id = ANY(:ids)
        AND NOT EXISTS (SELECT 1 FROM tvshow.episodes e WHERE e.season_id = n.id)
    RETURNING n.id
    """
).bindparams(IDS)
DROP_BARE_SERIES = text(
    """
    DELETE FROM tvshow.series s WHERE s.id = ANY(:ids)
        AND NOT EXISTS (SELECT 1 FROM tvshow.seasons n WHERE n.series_id = s.id)
    RETURNING s.id
    """
).bindparams(IDS)
# Only rows whose counts differ are written (a new episode changes one season, not all).
RECOUNT = text(
    """
    WITH seasons AS (
        UPDATE tvshow.seasons n SET episode_count = c.episodes
        FROM (SELECT x.id, (SELECT count(*) FROM tvshow.episodes e WHERE e.season_id = x.id)
            AS episodes FROM tvshow.seasons x WHERE x.series_id = ANY(:ids)) c
        WHERE n.id = c.id AND n.episode_count IS DISTINCT FROM c.episodes
    )
    UPDATE tvshow.series s SET total_seasons = c.seasons, total_episodes = c.episodes
    FROM (SELECT x.id,
        (SELECT count(*) FROM tvshow.seasons n WHERE n.series_id = x.id AND n.season_number > 0)
            AS seasons,
        (SELECT count(*) FROM tvshow.episodes e WHERE e.series_id = x.id AND e.season_number > 0)
            AS episodes
        FROM tvshow.series x WHERE x.id = ANY(:ids)) c
    WHERE s.id = c.id
        AND (s.total_seasons, s.total_episodes) IS DISTINCT FROM (c.seasons, c.episodes)
    """
).bindparams(IDS)
MOVE = text(
    """
    UPDATE tvshow.episode_files SET file_path = :new_path, file_name = :name, file_size = :size
    WHERE file_path = :old_path RETURNING episode_id
    """
)
DROP_AT = text("DELETE FROM tvshow.episode_files WHERE file_path = :path")


def _series(facts: SeriesFacts) -> dict[str, Any]:
    return {
        "library_id": facts.library_id,
        "title": facts.title,
        "original_title": facts.original_title,
        "overview": facts.overview,
        "first_air_date": facts.first_air_date,
        "imdb_id": facts.imdb_id,
        "poster": facts.artwork.poster,
        "fanart": facts.artwork.fanart,
        "tmdb_id": facts.tmdb_id,
        "tvdb_id": facts.tvdb_id,
    }


def has_facts(facts: SeriesFacts) -> bool:
    """Whether the files say more than a title (an .nfo or artwork)."""
    told = _series(facts)
    return any(
        value is not None for key, value in told.items() if key not in ("title", "library_id")
    )


def season_name(number: int) -> str:
    return "Specials" if number == 0 else f"Season {number}"


class PgEpisodeWriter:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def place(self, facts: EpisodeFacts, file: VideoFile) -> CatalogDelta:
        delta = CatalogDelta()
        series = facts.series
        async with self._sessions.begin() as session:
            await session.execute(RELAXED)
            series_id = await self._series(session, series, delta)
            number = {"series_id": series_id, "number": facts.season}
            season = {**number, "name": season_name(facts.season)}
            season_id: UUID = (await session.execute(NEW_SEASON, season)).scalar() or (
                await session.execute(SEASON, number)
            ).scalar_one()
            episode_ids = [
                await self._episode(session, facts, series_id, season_id, number)
                for number in facts.episodes
            ]
            attach = {**media_values(file), "episode_id": episode_ids[0]}
            file_id, old = (await session.execute(ATTACH, attach)).one()
            if old:
                await session.execute(UNLINK, {"file_id": file_id})
            for episode_id in episode_ids[1:]:
                await session.execute(LINK, {"file_id": file_id, "episode_id": episode_id})
            await self._prune(session, list(old or ()), delta)
        await self._recount([series_id])
        delta.change(Entity.SERIES, [series_id])
        delta.change(Entity.SEASON, [season_id])
        delta.change(Entity.EPISODE, episode_ids)
        return delta

    async def remove_file(self, path: str) -> CatalogDelta:
        delta = CatalogDelta()
        async with self._sessions.begin() as session:
            await session.execute(RELAXED)
            old = (await session.execute(OLD_EPISODES, {"path": path})).all()
            await session.execute(DETACH, {"path": path})
            series_ids = await self._prune(session, [row.episode_id for row in old], delta)
        await self._recount(series_ids)
        return delta

    async def move_file(self, old_path: str, new: FileStat) -> CatalogDelta:
        return await move_file_row(self._sessions, (DROP_AT, MOVE), Entity.EPISODE, old_path, new)

    async def _series(self, session: AsyncSession, facts: SeriesFacts, delta: CatalogDelta) -> UUID:
        """The series, created under a lock so that concurrent matches create it once."""
        values = _series(facts)
        found = (await session.execute(FIND_SERIES, values)).scalar_one_or_none()
        if found is None:
            key = f"series:{facts.library_id}:{facts.title.lower()}"
            await session.execute(LOCK, {"key": key})
            found = (await session.execute(FIND_SERIES, values)).scalar_one_or_none()
        if found is None:
            created: UUID = (await session.execute(CREATE_SERIES, values)).scalar_one()
            await session.execute(REFRESH_DUE, {"entity": "series", "item_id": created})
            delta.created_series.add(created)
            return created
        if has_facts(facts):
            await session.execute(FILL_SERIES, {**values, "series_id": found})
        return UUID(str(found))

    async def _episode(
        self,
        session: AsyncSession,
        facts: EpisodeFacts,
        series_id: UUID,
        season_id: UUID,
        number: int,
    ) -> UUID:
        default = f"Episode {number}"
        values = {
            "series_id": series_id,
            "season_id": season_id,
            "season_number": facts.season,
            "number": number,
            "title": facts.title if facts.title and len(facts.episodes) == 1 else default,
            "default_title": default,
            "overview": facts.overview,
            "air_date": facts.air_date,
        }
        episode_id: UUID = (await session.execute(EPISODE, values)).scalar_one()
        return episode_id

    async def _prune(
        self, session: AsyncSession, episode_ids: list[UUID], delta: CatalogDelta
    ) -> list[UUID]:
        """Drop what lost its last file; returns the series touched."""
        if not episode_ids:
            return []
        dropped = (await session.execute(DROP_BARE_EPISODES, {"ids": episode_ids})).all()
        delta.remove(Entity.EPISODE, [row.id for row in dropped])
        kept = set(episode_ids) - {row.id for row in dropped}
        delta.change(Entity.EPISODE, kept)
        seasons = list({row.season_id for row in dropped})
        series = list({row.series_id for row in dropped})
        gone_seasons = (await session.execute(DROP_BARE_SEASONS, {"ids": seasons})).scalars()
        delta.remove(Entity.SEASON, list(gone_seasons))
        gone_series = set((await session.execute(DROP_BARE_SERIES, {"ids": series})).scalars())
        delta.remove(Entity.SERIES, gone_series)
        delta.change(Entity.SERIES, set(series) - gone_series)
        return [series_id for series_id in series if series_id not in gone_series]

    async def _recount(self, series_ids: list[UUID]) -> None:
        """Season and series counts, in a transaction of their own: concurrent matches of one
        series wait on its row only for this statement."""
        if series_ids:
            async with self._sessions.begin() as session:
                await session.execute(RELAXED)
                await session.execute(RECOUNT, {"ids": series_ids})
