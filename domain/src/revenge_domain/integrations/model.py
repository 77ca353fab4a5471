"""What Radarr and Sonarr tell us: their system, profiles, folders, movies, series and files."""

from __future__ import annotations

import enum
from datetime import date, datetime

import attrs

from revenge_domain.errors import Conflict, DomainError
from revenge_domain.scanning.model import MediaInfo


class Service(enum.StrEnum):
    RADARR = "radarr"
    SONARR = "sonarr"


class IntegrationDisabled(DomainError):
    """The integration is switched off (or has no address) in the configuration."""

    code = "integration_disabled"


class IntegrationUnreachable(DomainError):
    """Radarr or Sonarr did not answer, or answered something we cannot read."""

    code = "integration_unreachable"


class ArrItemMissing(DomainError):
    """Radarr or Sonarr does not know the movie or series asked for (any more)."""

    code = "not_found"


class SyncAlreadyRunning(Conflict):
    code = "sync_running"


@attrs.frozen
class ArrSystem:
    version: str | None = None
    instance_name: str | None = None
    start_time: datetime | None = None


@attrs.frozen
class QualityProfile:
    id: int
    name: str
    upgrade_allowed: bool | None = None
    cutoff: int | None = None
    min_format_score: int | None = None


@attrs.frozen
class RootFolder:
    id: int
    path: str
    accessible: bool
    free_space: int | None = None


@attrs.frozen
class ArrFile:
    """A media file as Radarr or Sonarr manage it (absolute path, quality name such as
    `Bluray-1080p`, media info when they probed it)."""

    id: int
    path: str
    size: int
    quality: str | None = None
    media: MediaInfo | None = None


@attrs.frozen
class ArrMovie:
    id: int
    title: str
    path: str
    year: int | None = None
    tmdb_id: int | None = None
    imdb_id: str | None = None
    file: ArrFile | None = None


@attrs.frozen
class ArrSeries:
    id: int
    title: str
    path: str
    year: int | None = None
    tvdb_id: int | None = None
    tmdb_id: int | None = None
    imdb_id: str | None = None


@attrs.frozen
class ArrEpisode:
    id: int
    season: int
    number: int
    title: str | None = None
    overview: str | None = None
    air_date: date | None = None
    file_id: int | None = None


@attrs.frozen
class Skipped:
    """A title a sync left out, and why."""

    title: str
    path: str
    reason: str


@attrs.define
class SyncReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    total: int = 0
    episodes_added: int = 0
    episodes_updated: int = 0
    total_episodes: int = 0
    skipped: list[Skipped] = attrs.Factory(list)


@attrs.frozen
class SyncStatus:
    running: bool = False
    last_sync: datetime | None = None
    last_error: str | None = None
    report: SyncReport = attrs.Factory(SyncReport)


@attrs.frozen
class ArrStatus:
    """What the status endpoint shows: whether the service answers, and the last sync."""

    connected: bool
    system: ArrSystem | None
    sync: SyncStatus
