"""Ports of the libraries feature: storage, the folder check and the read filter of the catalog."""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Literal, Protocol
from uuid import UUID

from revenge_domain.activity import ActivityEvent
from revenge_domain.identity.access import Principal
from revenge_domain.libraries.model import (
    Access,
    Library,
    LibraryGrant,
    LibrarySettings,
    LibraryTitles,
    ScanPage,
)
from revenge_domain.ports.cache import key_hash

# Who may change libraries sees every library and every title in them.
MANAGE_LIBRARIES = "libraries:update"


class AllLibraries(enum.Enum):
    ALL = "all"


ALL = AllLibraries.ALL
Readable = frozenset[UUID] | Literal[AllLibraries.ALL]


def readable_key(readable: Readable) -> str:
    """A short, stable text for a readable-library set, to put inside cache keys."""
    if readable is ALL:
        return "all"
    return key_hash(sorted(str(library_id) for library_id in readable))


def manages_libraries(principal: Principal) -> bool:
    return principal.can(MANAGE_LIBRARIES)


class LibraryAccess(Protocol):
    """Which libraries a caller may read.

    This is the one place catalog reads get their filter from: every read of libraries,
    movies, series or episodes asks `readable_library_ids` and keeps only rows of those
    libraries (ALL means no filter). Whoever changes permissions or deletes a library calls
    `forget` / `forget_everyone` so no server instance keeps serving the old answer.
    """

    async def readable_library_ids(self, principal: Principal) -> Readable:
        """ALL for those who manage libraries; otherwise the ids of libraries the caller holds
        `view` on."""
        ...

    async def forget(self, user_id: UUID) -> None:
        """Drop what is known of one user's access (after a grant or revoke)."""
        ...

    async def forget_everyone(self) -> None:
        """Drop what is known of every user's access (after a library is deleted)."""
        ...


class FolderCheck(Protocol):
    """Whether a library folder can be used on this machine."""

    def problem_with(self, path: str) -> str | None:
        """None for an absolute path to an existing, readable directory; else why not."""
        ...


class LibraryStore(Protocol):
    """Libraries, their scans and their per-user permissions. Libraries come back with their
    latest scan. A change is stored with the activity event reporting it, in one transaction:
    both are kept, or neither is."""

    async def all(self) -> list[Library]:
        """Every library, by name."""
        ...

    async def with_ids(self, ids: frozenset[UUID]) -> list[Library]:
        """The libraries of `ids` that exist, by name."""
        ...

    async def get(self, library_id: UUID) -> Library | None: ...

    async def add(
        self, settings: LibrarySettings, report: Callable[[Library], ActivityEvent] | None = None
    ) -> Library:
        """Store a new library with the event `report` makes of it (none is logged without it:
        set-up outside the API); Conflict if another has the same name, whatever the case."""
        ...

    async def save(self, library_id: UUID, settings: LibrarySettings) -> Library | None:
        """Replace a library's settings; None if it does not exist; Conflict on a taken name."""
        ...

    async def delete(self, library_id: UUID, event: ActivityEvent) -> bool:
        """Delete the library with its scans and permissions; False (and no event) if it did
        not exist."""
        ...

    async def titles(self, library_id: UUID) -> LibraryTitles:
        """The ids of the library's movies and series (which go with it when it is deleted)."""
        ...

    async def scans(self, library_id: UUID, limit: int, offset: int) -> ScanPage:
        """One page of the library's scans, newest first, and how many there are."""
        ...

    async def grants(self, library_id: UUID) -> list[LibraryGrant]:
        """The library's permissions, oldest first."""
        ...

    async def grant(
        self, library_id: UUID, user_id: UUID, access: Access, event: ActivityEvent
    ) -> LibraryGrant:
        """Give the permission (the existing one if already held); NotFound if the user does
        not exist."""
        ...

    async def revoke(
        self, library_id: UUID, user_id: UUID, access: Access, event: ActivityEvent
    ) -> bool:
        """Take the permission away; False (and no event) if the user did not hold it."""
        ...
