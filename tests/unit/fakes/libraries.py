"""In-memory libraries: a store, the read filter over it, and a folder check over a set."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from uuid import UUID

import attrs

from revenge_domain.activity import ActivityEvent
from revenge_domain.errors import Conflict, NotFound
from revenge_domain.identity.access import Principal
from revenge_domain.libraries import (
    ALL,
    Access,
    Library,
    LibraryGrant,
    LibrarySettings,
    LibraryTitles,
    Readable,
    ScanPage,
    manages_libraries,
)
from revenge_domain.libraries.model import LibraryScan
from tests.unit.fakes.activity import KeptActivity


def _now() -> datetime:
    return datetime.now(UTC)


class InMemoryLibraryStore:
    """Keeps the activity event of each change that happens (none for a refused change)."""

    def __init__(self, users: set[UUID] | None = None) -> None:
        self.activity = KeptActivity()
        self.users: set[UUID] = users if users is not None else set()
        self.libraries: dict[UUID, Library] = {}
        self.scan_rows: list[LibraryScan] = []
        self.grant_rows: list[LibraryGrant] = []
        # library id -> the ids of its movies and series
        self.titles_of: dict[UUID, LibraryTitles] = {}

    def _by_name(self, found: list[Library]) -> list[Library]:
        return sorted(found, key=lambda library: (library.settings.name.lower(), library.id))

    def _check_name(self, name: str, library_id: UUID | None) -> None:
        for other in self.libraries.values():
            if other.id != library_id and other.settings.name.lower() == name.lower():
                raise Conflict("a library with this name already exists", {"field": "name"})

    async def all(self) -> list[Library]:
        return self._by_name(list(self.libraries.values()))

    async def with_ids(self, ids: frozenset[UUID]) -> list[Library]:
        return self._by_name([lib for lib in self.libraries.values() if lib.id in ids])

    async def get(self, library_id: UUID) -> Library | None:
        return self.libraries.get(library_id)

    async def add(
        self, settings: LibrarySettings, report: Callable[[Library], ActivityEvent] | None = None
    ) -> Library:
        self._check_name(settings.name, None)
        library = Library(uuid.uuid4(), settings, _now(), _now())
        self.libraries[library.id] = library
        if report is not None:
            self.activity.events.append(report(library))
        return library

    async def save(self, library_id: UUID, settings: LibrarySettings) -> Library | None:
        current = self.libraries.get(library_id)
        if current is None:
            return None
        self._check_name(settings.name, library_id)
        saved = attrs.evolve(current, settings=settings, updated_at=_now())
        self.libraries[library_id] = saved
        return saved

    async def delete(self, library_id: UUID, event: ActivityEvent) -> bool:
        if self.libraries.pop(library_id, None) is None:
            return False
        self.grant_rows = [row for row in self.grant_rows if row.library_id != library_id]
        self.titles_of.pop(library_id, None)
        self.activity.events.append(event)
        return True

    async def titles(self, library_id: UUID) -> LibraryTitles:
        return self.titles_of.get(library_id, LibraryTitles([], []))

    async def scans(self, library_id: UUID, limit: int, offset: int) -> ScanPage:
        rows = [scan for scan in self.scan_rows if scan.library_id == library_id]
        rows.sort(key=lambda scan: scan.created_at, reverse=True)
        return ScanPage(rows[offset : offset + limit], len(rows))

    async def grants(self, library_id: UUID) -> list[LibraryGrant]:
        return [row for row in self.grant_rows if row.library_id == library_id]

    async def grant(
        self, library_id: UUID, user_id: UUID, access: Access, event: ActivityEvent
    ) -> LibraryGrant:
        if user_id not in self.users:
            raise NotFound("user not found", {"field": "user_id"})
        self.activity.events.append(event)
        for row in self.grant_rows:
            if (row.library_id, row.user_id, row.access) == (library_id, user_id, access):
                return row
        row = LibraryGrant(uuid.uuid4(), library_id, user_id, access, _now())
        self.grant_rows.append(row)
        return row

    async def revoke(
        self, library_id: UUID, user_id: UUID, access: Access, event: ActivityEvent
    ) -> bool:
        kept = [
            row
            for row in self.grant_rows
            if (row.library_id, row.user_id, row.access) != (library_id, user_id, access)
        ]
        if len(kept) == len(self.grant_rows):
            return False
        self.grant_rows = kept
        self.activity.events.append(event)
        return True


class StoreLibraryAccess:
    """The read filter over an in-memory store, remembering every answer until forgotten (as
    the cached adapter does), so tests see whether the use cases forget at the right times."""

    def __init__(self, store: InMemoryLibraryStore) -> None:
        self.store = store
        self.known: dict[UUID, frozenset[UUID]] = {}

    async def readable_library_ids(self, principal: Principal) -> Readable:
        if manages_libraries(principal):
            return ALL
        user_id = principal.user_id
        if user_id not in self.known:
            self.known[user_id] = frozenset(
                row.library_id
                for row in self.store.grant_rows
                if row.user_id == user_id and row.access is Access.VIEW
            )
        return self.known[user_id]

    async def forget(self, user_id: UUID) -> None:
        self.known.pop(user_id, None)

    async def forget_everyone(self) -> None:
        self.known.clear()


@attrs.frozen
class GivenFolders:
    """Only the listed paths are usable folders."""

    usable: frozenset[str]

    def problem_with(self, path: str) -> str | None:
        return None if path in self.usable else "not an existing directory"
