"""Libraries: named sets of folders of one kind of media, their scans and who may read them."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any
from uuid import UUID

import attrs

from revenge_domain.errors import InvalidInput

NAME_MAX_LENGTH = 255
MAX_SCAN_PAGE = 100


class LibraryType(enum.Enum):
    MOVIE = "movie"
    TVSHOW = "tvshow"


class Access(enum.Enum):
    """What a per-user library permission allows; `view` is what catalog reads need."""

    VIEW = "view"
    DOWNLOAD = "download"
    MANAGE = "manage"


def parse_type(value: str) -> LibraryType:
    try:
        return LibraryType(value)
    except ValueError:
        kinds = ", ".join(kind.value for kind in LibraryType)
        raise InvalidInput(f"type must be one of {kinds}", {"field": "type"}) from None


def parse_access(value: str) -> Access:
    try:
        return Access(value)
    except ValueError:
        kinds = ", ".join(kind.value for kind in Access)
        raise InvalidInput(f"permission must be one of {kinds}", {"field": "permission"}) from None


def check_name(name: str) -> str:
    if not name.strip() or len(name) > NAME_MAX_LENGTH:
        raise InvalidInput(
            f"a library name is 1-{NAME_MAX_LENGTH} characters, not only spaces",
            {"field": "name"},
        )
    return name


@attrs.frozen
class LibraryScan:
    """One scan of a library's folders (written by the scanning jobs)."""

    id: UUID
    library_id: UUID
    scan_type: str
    status: str
    created_at: datetime
    items_scanned: int = 0
    items_added: int = 0
    items_updated: int = 0
    items_removed: int = 0
    error_count: int = 0
    error_message: str | None = None
    started_at: datetime | None = None
    completed_at: datetime | None = None
    # The last sign of life of the job running the scan (its lease).
    heartbeat_at: datetime | None = None


@attrs.frozen
class LibrarySettings:
    """What an administrator chooses about a library (everything but its identity)."""

    name: str
    type: LibraryType
    paths: tuple[str, ...]
    enabled: bool = True
    scan_on_startup: bool = False
    realtime_monitoring: bool = False
    metadata_provider: str | None = None
    preferred_language: str = "en"
    scanner_config: dict[str, Any] | None = None


@attrs.frozen
class LibraryChanges:
    """A partial update: None leaves a setting as it is."""

    name: str | None = None
    paths: tuple[str, ...] | None = None
    enabled: bool | None = None
    scan_on_startup: bool | None = None
    realtime_monitoring: bool | None = None
    metadata_provider: str | None = None
    preferred_language: str | None = None
    scanner_config: dict[str, Any] | None = None

    def applied_to(self, settings: LibrarySettings) -> LibrarySettings:
        given = {
            field.name: value
            for field in attrs.fields(LibraryChanges)
            if (value := getattr(self, field.name)) is not None
        }
        return attrs.evolve(settings, **given)


@attrs.frozen
class Library:
    id: UUID
    settings: LibrarySettings
    created_at: datetime
    updated_at: datetime
    latest_scan: LibraryScan | None = None


@attrs.frozen
class LibraryGrant:
    """One per-user permission on one library."""

    id: UUID
    library_id: UUID
    user_id: UUID
    access: Access
    created_at: datetime


@attrs.frozen
class LibraryTitles:
    """The movies and series of one library, and the people credited in them, by id."""

    movies: list[UUID]
    series: list[UUID]
    people: list[UUID] = attrs.field(factory=list)


@attrs.frozen
class ScanPage:
    scans: list[LibraryScan]
    total: int
