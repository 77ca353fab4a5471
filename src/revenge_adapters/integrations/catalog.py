"""The `ArrCatalog` port on PostgreSQL: titles and files placed as a scan places them (the
scanning writers do that part), then linked to their Radarr and Sonarr ids."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from sqlalchemy import TextClause, bindparam, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.types import Integer

from revenge_adapters.scanning import PgEpisodeWriter, PgMovieWriter
from revenge_domain.integrations.model import Service
from revenge_domain.integrations.ports import ArrLink
from revenge_domain.ports.catalog_changes import Entity
from revenge_domain.scanning.model import CatalogDelta, EpisodeFacts, MovieFacts, VideoFile

LINK_MOVIE = text(
    """
    WITH file AS (
        UPDATE movie.movie_files SET radarr_file_id = :file_id, quality_profile = :quality
        WHERE file_path = :path RETURNING movie_id)
    UPDATE movie.movies SET radarr_id = :item_id FROM file WHERE id = file.movie_id
    RETURNING id
    """
)
OTHER_MOVIE_FILES = text(
    """
    SELECT f.file_path FROM movie.movie_files f JOIN movie.movies m ON m.id = f.movie_id
    WHERE m.radarr_id = :item_id AND f.radarr_file_id IS NOT NULL AND f.file_path <> :path
    """
)
UNLINK_MOVIE = text(
    "UPDATE movie.movies SET radarr_id = NULL WHERE radarr_id = :item_id RETURNING id"
)
LINK_SERIES = text(
    """
    WITH file AS (
        UPDATE tvshow.episode_files SET sonarr_file_id = :file_id, quality_profile = :quality
        WHERE file_path = :path RETURNING episode_id)
    UPDATE tvshow.series s SET sonarr_id = :item_id
    FROM file JOIN tvshow.episodes e ON e.id = file.episode_id WHERE s.id = e.series_id
    RETURNING s.id
    """
)
KEEP = bindparam("keep", type_=ARRAY(Integer))
OTHER_EPISODE_FILES = text(
    """
    SELECT f.file_path FROM tvshow.episode_files f
    JOIN tvshow.episodes e ON e.id = f.episode_id JOIN tvshow.series s ON s.id = e.series_id
    WHERE s.sonarr_id = :item_id AND f.sonarr_file_id IS NOT NULL
        AND NOT (f.sonarr_file_id = ANY(:keep))
    """
).bindparams(KEEP)
UNLINK_SERIES = text(
    "UPDATE tvshow.series SET sonarr_id = NULL WHERE sonarr_id = :item_id RETURNING id"
)
LINKED = {
    Service.RADARR: text(
        "SELECT DISTINCT radarr_id FROM movie.movies"
        " WHERE radarr_id IS NOT NULL AND deleted_at IS NULL"
    ),
    Service.SONARR: text(
        "SELECT DISTINCT sonarr_id FROM tvshow.series WHERE sonarr_id IS NOT NULL"
    ),
}


def _link(link: ArrLink) -> dict[str, object]:
    file = link.file
    return {"item_id": link.item_id, "file_id": file.id, "quality": file.quality, "path": file.path}


class PgArrCatalog:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        self._movies, self._episodes = PgMovieWriter(sessions), PgEpisodeWriter(sessions)

    async def place_movie(self, facts: MovieFacts, file: VideoFile, link: ArrLink) -> CatalogDelta:
        delta = await self._movies.place(facts, file)
        for path in await self._write(LINK_MOVIE, _link(link), OTHER_MOVIE_FILES):
            delta.absorb(await self._movies.remove_file(path))
        return delta

    async def place_episodes(
        self, facts: EpisodeFacts, file: VideoFile, link: ArrLink
    ) -> CatalogDelta:
        delta = await self._episodes.place(facts, file)
        async with self._sessions.begin() as session:
            await session.execute(LINK_SERIES, _link(link))
        return delta

    async def drop_series_files(self, series_id: int, keep: frozenset[int]) -> CatalogDelta:
        delta = CatalogDelta()
        async with self._sessions.begin() as session:
            rows = await session.execute(
                OTHER_EPISODE_FILES, {"item_id": series_id, "keep": sorted(keep)}
            )
            paths = list(rows.scalars())
        for path in paths:
            delta.absorb(await self._episodes.remove_file(path))
        return delta

    async def drop_movie(self, movie_id: int, remove_files: bool) -> CatalogDelta:
        delta = CatalogDelta()
        if remove_files:
            values = {"item_id": movie_id, "path": ""}
            for path in await self._read(OTHER_MOVIE_FILES, values):
                delta.absorb(await self._movies.remove_file(path))
        await self._unlink(UNLINK_MOVIE, movie_id, Entity.MOVIE, delta)
        return delta

    async def drop_series(self, series_id: int, remove_files: bool) -> CatalogDelta:
        delta = await self.drop_series_files(series_id, frozenset()) if remove_files else None
        delta = delta or CatalogDelta()
        await self._unlink(UNLINK_SERIES, series_id, Entity.SERIES, delta)
        return delta

    async def linked(self, service: Service) -> set[int]:
        async with self._sessions() as session:
            return set((await session.execute(LINKED[service])).scalars())

    async def _write(
        self, link: TextClause, values: dict[str, object], others: TextClause
    ) -> list[str]:
        async with self._sessions.begin() as session:
            await session.execute(link, values)
            return list((await session.execute(others, values)).scalars())

    async def _read(self, query: TextClause, values: dict[str, object]) -> Sequence[str]:
        async with self._sessions() as session:
            return list((await session.execute(query, values)).scalars())

    async def _unlink(
        self, query: TextClause, item_id: int, entity: Entity, delta: CatalogDelta
    ) -> None:
        async with self._sessions.begin() as session:
            ids: list[UUID] = list((await session.execute(query, {"item_id": item_id})).scalars())
        kept = [i for i in ids if i not in delta.removed.get(entity, set())]
        if kept:
            delta.change(entity, kept)
