"""Matching one file: what title it is (name, then .nfo), its media info, and its place in the
catalogue."""

from __future__ import annotations

import logging
import posixpath
from collections.abc import Collection
from uuid import UUID

import attrs

from revenge_domain.images import InvalidImagePath, local_image_path, parse_image_path
from revenge_domain.jobs import JobQueueUnavailable
from revenge_domain.libraries import Library, LibraryType
from revenge_domain.metadata.jobs import RefreshMovieMetadata, RefreshSeriesMetadata
from revenge_domain.ports.catalog_changes import CatalogChanges
from revenge_domain.ports.events import Event, EventBus
from revenge_domain.ports.jobs import JobQueue
from revenge_domain.scanning.model import (
    Artwork,
    CatalogDelta,
    EpisodeFacts,
    FileStat,
    FileStatus,
    KnownFile,
    MediaInfo,
    MovieFacts,
    Nfo,
    SeriesFacts,
    VideoFile,
)
from revenge_domain.scanning.naming import (
    is_extra,
    movie_name,
    relative_to_root,
    season_of_folder,
    show_folder,
    title_and_year,
)
from revenge_domain.scanning.ports import (
    EpisodeWriter,
    FileStates,
    FileWriter,
    FolderWalker,
    LibraryLookup,
    MediaProber,
    MovieWriter,
    NameParser,
    Sidecars,
)

log = logging.getLogger(__name__)
EMPTY_NFO = Nfo()
# The live-events category of files reaching the catalogue, and their kinds.
CONTENT_EVENTS = "content"
CONTENT_ADDED, CONTENT_UPDATED = "content.added", "content.updated"


@attrs.frozen
class CatalogReport:
    """Tells the catalogue's followers what changed and queues the metadata refresh of every
    title a scan created. Neither may fail the scan."""

    changes: CatalogChanges
    jobs: JobQueue

    async def __call__(self, delta: CatalogDelta) -> None:
        for entity, ids in delta.removed.items():
            if ids:
                await self.changes.removed(entity, ids)
        for entity, ids in delta.changed.items():
            if ids:
                await self.changes.changed(entity, ids)
        await self.refresh(delta.created_movies, delta.created_series)

    async def refresh(self, movies: Collection[UUID], series: Collection[UUID]) -> bool:
        """Queue the refreshes of created titles; False when the queue could not take one."""
        queued = [await self._enqueue(RefreshMovieMetadata(movie_id=m)) for m in sorted(movies)]
        queued += [await self._enqueue(RefreshSeriesMetadata(series_id=s)) for s in sorted(series)]
        return all(queued)

    async def _enqueue(self, job: RefreshMovieMetadata | RefreshSeriesMetadata) -> bool:
        try:
            await self.jobs.enqueue(job)
        except JobQueueUnavailable:
            log.warning("metadata refresh not queued", extra={"fields": {"kind": job.kind}})
            return False
        return True


@attrs.frozen
class MatchFile:
    """Match one video file of a library and write it into the catalogue."""

    libraries: LibraryLookup
    files: FileStates
    walker: FolderWalker
    names: NameParser
    sidecars: Sidecars
    movies: MovieWriter
    episodes: EpisodeWriter
    report: CatalogReport
    prober: MediaProber | None = None
    # Told of every file that reached the catalogue (clients follow it live).
    events: EventBus | None = None

    def writer(self, library: Library) -> FileWriter:
        return self.movies if library.settings.type is LibraryType.MOVIE else self.episodes

    async def __call__(self, library_id: UUID, path: str, force: bool = False) -> FileStatus | None:
        library = await self.libraries.get(library_id)
        return None if library is None else await self.match(library, path, force)

    async def match(self, library: Library, path: str, force: bool = False) -> FileStatus | None:
        """The file's status afterwards; None when it is not (or no longer) a video of the
        library."""
        where = relative_to_root(path, library.settings.paths)
        stat = await self.walker.stat(path)
        if where is None or not isinstance(stat, FileStat):
            return None
        # A forced match (every match a scan queues) need not read what is known of the file.
        known = None if force else await self.files.get(library.id, path)
        settled = known is not None and known.status is not FileStatus.PENDING
        if known is not None and settled and not stat.differs_from(known.stat):
            return known.status
        root, relative = where
        if is_extra(relative):
            return await self._leave(library, stat, FileStatus.IGNORED, known)
        if library.settings.type is LibraryType.MOVIE:
            facts: MovieFacts | EpisodeFacts | None = await self._movie(library, relative, path)
        else:
            facts = await self._episode(library, root, relative, path)
        if facts is None:
            return await self._leave(library, stat, FileStatus.UNMATCHED, known)
        media, error = await self._probe(path)
        if isinstance(facts, MovieFacts):
            delta = await self.movies.place(facts, VideoFile(stat, media))
        else:
            delta = await self.episodes.place(facts, VideoFile(stat, media))
        # Followers hear of it before the file stops being pending: a run that dies between
        # the two leaves a match to do again, which tells them again.
        await self.report(delta)
        await self.files.save(library.id, [KnownFile(stat, FileStatus.MATCHED, error)])
        await self._announce(library, delta)
        return FileStatus.MATCHED

    async def _announce(self, library: Library, delta: CatalogDelta) -> None:
        if self.events is None:
            return
        created = bool(delta.created_movies or delta.created_series)
        kind = CONTENT_ADDED if created else CONTENT_UPDATED
        titles = {entity.value: sorted(map(str, ids)) for entity, ids in delta.changed.items()}
        data = {"library_id": str(library.id), **titles}
        await self.events.publish(Event(CONTENT_EVENTS, kind, data))

    async def _leave(
        self, library: Library, stat: FileStat, status: FileStatus, known: KnownFile | None
    ) -> FileStatus:
        """Keep a file out of the catalogue (an extra, or a name that says nothing), taking it
        out if it was in (it was renamed)."""
        await self.files.save(library.id, [KnownFile(stat, status)])
        if known is None or known.status is FileStatus.MATCHED:
            await self.report(await self.writer(library).remove_file(stat.path))
        return status

    async def _probe(self, path: str) -> tuple[MediaInfo | None, str | None]:
        if self.prober is None:
            return None, None
        probe = await self.prober.probe(path)
        return probe.info, probe.error

    async def _movie(self, library: Library, relative: str, path: str) -> MovieFacts | None:
        named, year = movie_name(relative, await self.names.movie(relative))
        nfo = await self.sidecars.movie_nfo(path) or EMPTY_NFO
        title = nfo.title or named
        if not title:
            return None
        own_folder = posixpath.dirname(path) if "/" in relative else None
        premiered = nfo.premiered
        return MovieFacts(
            library_id=library.id,
            title=title,
            year=nfo.year or (premiered.year if premiered else None) or year,
            original_title=nfo.original_title,
            overview=nfo.plot,
            tagline=nfo.tagline,
            runtime_min=nfo.runtime_min,
            release_date=premiered,
            tmdb_id=nfo.tmdb_id,
            imdb_id=nfo.imdb_id,
            artwork=_served(library, await self.sidecars.artwork(own_folder, path)),
        )

    async def _episode(
        self, library: Library, root: str, relative: str, path: str
    ) -> EpisodeFacts | None:
        parsed = await self.names.episode(relative)
        folder = show_folder(relative)
        show_path = f"{root}/{folder}" if folder else None
        show_nfo = (await self.sidecars.series_nfo(show_path) if show_path else None) or EMPTY_NFO
        episode_nfo = await self.sidecars.episode_nfo(path) or EMPTY_NFO
        title, year = title_and_year(folder) if folder else (parsed.title, parsed.year)
        title = show_nfo.title or title
        season = _first(episode_nfo.season, parsed.season, season_of_folder(relative))
        episodes = (episode_nfo.episode,) if episode_nfo.episode else parsed.episodes
        if not title or season is None or not episodes:
            return None
        artwork = _served(library, await self.sidecars.artwork(show_path)) if show_path else None
        series = SeriesFacts(
            library_id=library.id,
            title=title,
            year=show_nfo.year or year,
            original_title=show_nfo.original_title,
            overview=show_nfo.plot,
            first_air_date=show_nfo.premiered,
            tmdb_id=show_nfo.tmdb_id,
            tvdb_id=show_nfo.tvdb_id,
            imdb_id=show_nfo.imdb_id,
            artwork=artwork or Artwork(),
        )
        return EpisodeFacts(
            series=series,
            season=season,
            episodes=episodes,
            title=episode_nfo.title or parsed.episode_title,
            overview=episode_nfo.plot,
            air_date=episode_nfo.premiered,
        )


def _served(library: Library, artwork: Artwork) -> Artwork:
    """Local artwork as the image endpoint names it (`local/<library id>/<relative path>`);
    a file it could not serve is left out."""
    return Artwork(
        poster=_image_path(library, artwork.poster), fanart=_image_path(library, artwork.fanart)
    )


def _image_path(library: Library, file_path: str | None) -> str | None:
    if file_path is None:
        return None
    path = local_image_path(library.id, library.settings.paths, file_path)
    if path is None:
        return None
    try:
        parse_image_path(path)
    except InvalidImagePath:
        return None
    return path


def _first(*values: int | None) -> int | None:
    return next((value for value in values if value is not None), None)
