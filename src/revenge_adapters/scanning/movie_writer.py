"""The `MovieWriter` port on PostgreSQL: movies and their files in schema `movie`.

A movie whose last file goes is soft-deleted (`deleted_at`), so its watch history is kept and
it comes back as the same movie when the file does.
"""

from __future__ import annotations

import posixpath
from typing import Any
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.scanning.refresh_outbox import REFRESH_DUE
from revenge_adapters.scanning.scan_writes import RELAXED, move_file_row
from revenge_domain.ports.catalog_changes import Entity
from revenge_domain.scanning.model import CatalogDelta, FileStat, MovieFacts, VideoFile

LOCK = text("SELECT pg_advisory_xact_lock(hashtext(:key))")
# Three index look-ups rather than one OR that would read every movie of the library.
FIND = text(
    """
    SELECT id, deleted_at IS NOT NULL AS removed FROM (
        SELECT id, deleted_at, created_at FROM movie.movies
        WHERE tmdb_id = CAST(:tmdb_id AS integer) AND library_id = :library_id
        UNION ALL
        SELECT id, deleted_at, created_at FROM movie.movies
        WHERE imdb_id = CAST(:imdb_id AS text) AND library_id = :library_id
        UNION ALL
        SELECT id, deleted_at, created_at FROM movie.movies
        WHERE lower(title) = lower(:title) AND library_id = :library_id
            AND year IS NOT DISTINCT FROM CAST(:year AS integer)
    ) found
    ORDER BY deleted_at NULLS FIRST, created_at LIMIT 1
    """
)
CREATE = text(
    """
    INSERT INTO movie.movies (library_id, title, original_title, year, release_date, runtime,
        overview, tagline, poster_path, backdrop_path, tmdb_id, imdb_id)
    VALUES (:library_id, :title, :original_title, :year, :release_date, :runtime, :overview,
        :tagline, :poster, :fanart,
        (SELECT CAST(:tmdb_id AS integer) WHERE NOT EXISTS
            (SELECT 1 FROM movie.movies WHERE tmdb_id = CAST(:tmdb_id AS integer))),
        (SELECT CAST(:imdb_id AS text) WHERE NOT EXISTS
            (SELECT 1 FROM movie.movies WHERE imdb_id = CAST(:imdb_id AS text))))
    RETURNING id
    """
)
# What the files say fills only what the movie lacks: a metadata refresh may have set more.
FILL = text(
    """
    UPDATE movie.movies SET deleted_at = NULL,
        original_title = coalesce(original_title, :original_title),
        release_date = coalesce(release_date, :release_date),
        runtime = coalesce(runtime, :runtime), overview = coalesce(overview, :overview),
        tagline = coalesce(tagline, :tagline), poster_path = coalesce(poster_path, :poster),
        backdrop_path = coalesce(backdrop_path, :fanart)
    WHERE id = :movie_id
    """
)
FILLED = ("original_title", "release_date", "runtime", "overview", "tagline", "poster", "fanart")
# Returns the movie the file belonged to before (read in the statement's snapshot), if any.
ATTACH = text(
    """
    WITH old AS (SELECT movie_id FROM movie.movie_files WHERE file_path = :path)
    INSERT INTO movie.movie_files (movie_id, file_path, file_size, file_name, resolution,
        video_codec, audio_codec, container, duration_seconds, bitrate_kbps, audio_languages,
        subtitle_languages, last_scanned_at)
    VALUES (:movie_id, :path, :size, :name, :resolution, :video_codec, :audio_codec,
        :container, :duration, :bitrate, :audio_languages, :subtitle_languages, now())
    ON CONFLICT (file_path) DO UPDATE SET movie_id = EXCLUDED.movie_id,
        file_size = EXCLUDED.file_size, file_name = EXCLUDED.file_name,
        resolution = EXCLUDED.resolution, video_codec = EXCLUDED.video_codec,
        audio_codec = EXCLUDED.audio_codec, container = EXCLUDED.container,
        duration_seconds = EXCLUDED.duration_seconds, bitrate_kbps = EXCLUDED.bitrate_kbps,
        audio_languages = EXCLUDED.audio_languages,
        subtitle_languages = EXCLUDED.subtitle_languages, last_scanned_at = now(),
        deleted_at = NULL
    RETURNING (SELECT movie_id FROM old) AS old_owner
    """
)
DETACH = text("DELETE FROM movie.movie_files WHERE file_path = :path RETURNING movie_id")
RETIRE_IF_EMPTY = text(
    """
    UPDATE movie.movies m SET deleted_at = now()
    WHERE m.id = :movie_id AND m.deleted_at IS NULL AND NOT EXISTS (
        SELECT 1 FROM movie.movie_files f WHERE f.movie_id = m.id AND f.deleted_at IS NULL)
    RETURNING m.id
    """
)
MOVE = text(
    """
    UPDATE movie.movie_files SET file_path = :new_path, file_name = :name, file_size = :size,
        last_scanned_at = now()
    WHERE file_path = :old_path RETURNING movie_id
    """
)
DROP_AT = text("DELETE FROM movie.movie_files WHERE file_path = :path")


def media_values(file: VideoFile) -> dict[str, Any]:
    media, stat = file.media, file.stat
    values: dict[str, Any] = {
        "path": stat.path,
        "size": stat.size,
        "name": posixpath.basename(stat.path),
        "resolution": None,
        "video_codec": None,
        "audio_codec": None,
        "container": None,
        "duration": None,
        "bitrate": None,
        "audio_languages": [],
        "subtitle_languages": [],
    }
    if media is not None:
        values.update(
            resolution=media.resolution,
            video_codec=media.video_codec,
            audio_codec=media.audio_codec,
            container=media.container,
            duration=round(media.duration_s) if media.duration_s is not None else None,
            bitrate=media.bitrate_kbps,
            audio_languages=list(media.audio_languages),
            subtitle_languages=list(media.subtitle_languages),
        )
    return values


def _facts(facts: MovieFacts) -> dict[str, Any]:
    return {
        "library_id": facts.library_id,
        "title": facts.title,
        "original_title": facts.original_title,
        "year": facts.year,
        "release_date": facts.release_date,
        "runtime": facts.runtime_min,
        "overview": facts.overview,
        "tagline": facts.tagline,
        "poster": facts.artwork.poster,
        "fanart": facts.artwork.fanart,
        "tmdb_id": facts.tmdb_id,
        "imdb_id": facts.imdb_id,
    }


class PgMovieWriter:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def place(self, facts: MovieFacts, file: VideoFile) -> CatalogDelta:
        delta, values = CatalogDelta(), _facts(facts)
        key = f"movie:{facts.library_id}:{facts.title.lower()}:{facts.year}"
        async with self._sessions.begin() as session:
            await session.execute(RELAXED)
            found = (await session.execute(FIND, values)).first()
            if found is None:  # created under a lock, so concurrent matches create it once
                await session.execute(LOCK, {"key": key})
                found = (await session.execute(FIND, values)).first()
            if found is None:
                movie_id: UUID = (await session.execute(CREATE, values)).scalar_one()
                await session.execute(REFRESH_DUE, {"entity": "movie", "item_id": movie_id})
                delta.created_movies.add(movie_id)
            else:
                movie_id = found.id
                if found.removed or any(values[key] is not None for key in FILLED):
                    await session.execute(FILL, {**values, "movie_id": movie_id})
            attach = {**media_values(file), "movie_id": movie_id}
            old_owner = (await session.execute(ATTACH, attach)).scalar_one()
            if old_owner is not None and old_owner != movie_id:
                await self._retire(session, old_owner, delta)
        delta.change(Entity.MOVIE, [movie_id])
        return delta

    async def remove_file(self, path: str) -> CatalogDelta:
        delta = CatalogDelta()
        async with self._sessions.begin() as session:
            await session.execute(RELAXED)
            owner = (await session.execute(DETACH, {"path": path})).scalar_one_or_none()
            if owner is not None:
                await self._retire(session, owner, delta)
        return delta

    async def move_file(self, old_path: str, new: FileStat) -> CatalogDelta:
        return await move_file_row(self._sessions, (DROP_AT, MOVE), Entity.MOVIE, old_path, new)

    async def _retire(self, session: AsyncSession, movie_id: UUID, delta: CatalogDelta) -> None:
        retired = (await session.execute(RETIRE_IF_EMPTY, {"movie_id": movie_id})).scalar()
        if retired is None:
            delta.change(Entity.MOVIE, [movie_id])
        else:
            delta.remove(Entity.MOVIE, [movie_id])
