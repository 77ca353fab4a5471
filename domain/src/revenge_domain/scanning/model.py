"""What a scan sees and what it writes: files on disk, names, .nfo facts, media info."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date
from uuid import UUID

import attrs

from revenge_domain.ports.catalog_changes import Entity

VIDEO_EXTENSIONS = frozenset(
    {
        ".mkv",
        ".mp4",
        ".m4v",
        ".avi",
        ".mov",
        ".wmv",
        ".mpg",
        ".mpeg",
        ".ts",
        ".m2ts",
        ".webm",
        ".flv",
        ".ogv",
        ".3gp",
        ".divx",
        ".iso",
    }
)


class FileStatus(enum.StrEnum):
    PENDING = "pending"  # found, not matched yet
    MATCHED = "matched"
    UNMATCHED = "unmatched"  # no title, season or episode could be read
    IGNORED = "ignored"  # an extra or a sample


class ScanClaim(enum.StrEnum):
    """What a run asking for a scan's lease is told."""

    TAKEN = "taken"  # this run does the scan
    BUSY = "busy"  # another live run does it
    DONE = "done"  # finished (or gone): nothing to do


@attrs.frozen
class FileStat:
    """One video file as the walker saw it."""

    path: str
    size: int
    mtime_ns: int
    inode: int = 0

    def differs_from(self, other: FileStat) -> bool:
        return self.size != other.size or self.mtime_ns != other.mtime_ns


@attrs.frozen
class WalkProblem:
    """A path the walker could not read (the scan goes on without it)."""

    path: str
    reason: str


@attrs.frozen
class KnownFile:
    """A file of a library as the last scan left it."""

    stat: FileStat
    status: FileStatus = FileStatus.PENDING
    error: str | None = None

    @property
    def path(self) -> str:
        return self.stat.path


@attrs.frozen
class ParsedName:
    """What a file and folder name tell: a movie title and year, or a show, season, episodes."""

    title: str | None = None
    year: int | None = None
    season: int | None = None
    episodes: tuple[int, ...] = ()
    episode_title: str | None = None


@attrs.frozen
class Nfo:
    """Facts of a Kodi-style .nfo file; each one present wins over the file name."""

    title: str | None = None
    original_title: str | None = None
    year: int | None = None
    plot: str | None = None
    tagline: str | None = None
    runtime_min: int | None = None
    premiered: date | None = None
    tmdb_id: int | None = None
    tvdb_id: int | None = None
    imdb_id: str | None = None
    season: int | None = None
    episode: int | None = None


@attrs.frozen
class Artwork:
    """Local image files beside the media: absolute paths as the sidecars find them; in the
    facts a match writes, the image endpoint's `local/<library id>/<relative path>`."""

    poster: str | None = None
    fanart: str | None = None


@attrs.frozen
class MediaInfo:
    duration_s: float | None = None
    container: str | None = None
    video_codec: str | None = None
    audio_codec: str | None = None
    width: int | None = None
    height: int | None = None
    bitrate_kbps: int | None = None
    audio_languages: tuple[str, ...] = ()
    subtitle_languages: tuple[str, ...] = ()

    @property
    def resolution(self) -> str | None:
        if not self.height:
            return None
        for label, least in (("2160p", 2000), ("1080p", 1000), ("720p", 700), ("576p", 560)):
            if self.height >= least:
                return label
        return "480p" if self.height >= 470 else f"{self.height}p"


@attrs.frozen
class Probe:
    """A probe's answer: media info, or why the file could not be read."""

    info: MediaInfo | None = None
    error: str | None = None


@attrs.frozen
class VideoFile:
    stat: FileStat
    media: MediaInfo | None = None


@attrs.frozen
class MovieFacts:
    library_id: UUID
    title: str
    year: int | None = None
    original_title: str | None = None
    overview: str | None = None
    tagline: str | None = None
    runtime_min: int | None = None
    release_date: date | None = None
    tmdb_id: int | None = None
    imdb_id: str | None = None
    artwork: Artwork = Artwork()


@attrs.frozen
class SeriesFacts:
    library_id: UUID
    title: str
    year: int | None = None
    original_title: str | None = None
    overview: str | None = None
    first_air_date: date | None = None
    tmdb_id: int | None = None
    tvdb_id: int | None = None
    imdb_id: str | None = None
    artwork: Artwork = Artwork()


@attrs.frozen
class EpisodeFacts:
    """One file's episodes: a multi-episode file has several numbers (the file goes with the
    first; the others exist as episodes)."""

    series: SeriesFacts
    season: int
    episodes: tuple[int, ...]
    title: str | None = None
    overview: str | None = None
    air_date: date | None = None


@attrs.define
class CatalogDelta:
    """What a write did to the catalogue: ids changed and removed per entity, and the movies
    and series it created (their metadata refresh is queued)."""

    changed: dict[Entity, set[UUID]] = attrs.Factory(dict)
    removed: dict[Entity, set[UUID]] = attrs.Factory(dict)
    created_movies: set[UUID] = attrs.Factory(set)
    created_series: set[UUID] = attrs.Factory(set)

    def change(self, entity: Entity, ids: Iterable[UUID]) -> None:
        self.changed.setdefault(entity, set()).update(ids)

    def remove(self, entity: Entity, ids: Iterable[UUID]) -> None:
        self.removed.setdefault(entity, set()).update(ids)

    def absorb(self, other: CatalogDelta) -> None:
        for entity, ids in other.changed.items():
            self.change(entity, ids)
        for entity, ids in other.removed.items():
            self.remove(entity, ids)
        self.created_movies |= other.created_movies
        self.created_series |= other.created_series


@attrs.define
class ScanCounts:
    """Progress of one scan, as the scan record shows it."""

    seen: int = 0
    added: int = 0
    changed: int = 0
    removed: int = 0
    errors: int = 0
