"""Use cases of the library endpoints: administration of libraries and of who may read them.

Routes check the caller's role permissions; these check them again and add the per-library
rule: a caller who does not manage libraries sees only those they hold `view` on, and any
other library answers NotFound so its existence does not leak.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import attrs

from revenge_domain.activity import ActivityEvent
from revenge_domain.errors import InvalidInput, NotFound, PermissionDenied
from revenge_domain.identity.access import Principal
from revenge_domain.libraries.model import (
    Access,
    Library,
    LibraryChanges,
    LibraryGrant,
    LibrarySettings,
    ScanPage,
    check_name,
)
from revenge_domain.libraries.ports import (
    ALL,
    MANAGE_LIBRARIES,
    FolderCheck,
    LibraryAccess,
    LibraryStore,
)
from revenge_domain.paging import check_page
from revenge_domain.ports.catalog_changes import CatalogChanges, Entity, NoCatalogChanges
from revenge_domain.ports.events import Event, EventBus

# The live-events category of library changes, and their kinds.
LIBRARY_EVENTS = "library"
LIBRARY_CREATED, LIBRARY_UPDATED = "library.created", "library.updated"
LIBRARY_DELETED = "library.deleted"

CREATE, DELETE = "libraries:create", "libraries:delete"


class LibraryActions:
    """Activity log action names of this feature."""

    CREATE = "library.create"
    DELETE = "library.delete"
    PERMISSION_GRANT = "library.permission.grant"
    PERMISSION_REVOKE = "library.permission.revoke"


def require(principal: Principal, permission: str) -> None:
    if not principal.can(permission):
        raise PermissionDenied(f"this needs the {permission} permission")


def library_not_found(library_id: UUID) -> NotFound:
    return NotFound("library not found", {"library_id": str(library_id)})


@attrs.frozen
class Libraries:
    """Listing, reading and administering libraries and their scan history."""

    store: LibraryStore
    access: LibraryAccess
    folders: FolderCheck
    # Told of the titles a deleted library takes with it.
    changes: CatalogChanges = attrs.field(factory=NoCatalogChanges)
    # Told of every library created, changed or deleted (folder watchers follow it).
    events: EventBus | None = None

    async def list(self, principal: Principal) -> list[Library]:
        readable = await self.access.readable_library_ids(principal)
        if readable is ALL:
            return await self.store.all()
        return await self.store.with_ids(readable) if readable else []

    async def get(self, principal: Principal, library_id: UUID) -> Library:
        await self._ensure_readable(principal, library_id)
        library = await self.store.get(library_id)
        if library is None:
            raise library_not_found(library_id)
        return library

    async def scans(
        self, principal: Principal, library_id: UUID, limit: int, offset: int
    ) -> ScanPage:
        check_page(limit, offset)
        await self.get(principal, library_id)
        return await self.store.scans(library_id, limit, offset)

    async def create(self, principal: Principal, settings: LibrarySettings) -> Library:
        require(principal, CREATE)
        metadata = {"type": settings.type.value}
        library = await self.store.add(
            self._checked(settings),
            lambda added: _library_event(principal, LibraryActions.CREATE, added, metadata),
        )
        await self._announce(LIBRARY_CREATED, library.id)
        return library

    async def update(
        self, principal: Principal, library_id: UUID, changes: LibraryChanges
    ) -> Library:
        require(principal, MANAGE_LIBRARIES)
        current = await self.store.get(library_id)
        if current is None:
            raise library_not_found(library_id)
        settings = self._checked(changes.applied_to(current.settings))
        saved = await self.store.save(library_id, settings)
        if saved is None:
            raise library_not_found(library_id)
        await self._announce(LIBRARY_UPDATED, library_id)
        return saved

    async def delete(self, principal: Principal, library_id: UUID) -> None:
        require(principal, DELETE)
        library = await self.store.get(library_id)
        if library is None:
            raise library_not_found(library_id)
        titles = await self.store.titles(library_id)
        event = _library_event(principal, LibraryActions.DELETE, library, {})
        if not await self.store.delete(library_id, event):
            raise library_not_found(library_id)
        await self.access.forget_everyone()
        await self._announce(LIBRARY_DELETED, library_id)
        await self.changes.removed(Entity.MOVIE, titles.movies)
        await self.changes.removed(Entity.SERIES, titles.series)
        # The people stay, credited in other libraries or in none.
        await self.changes.changed(Entity.PERSON, titles.people)

    async def _ensure_readable(self, principal: Principal, library_id: UUID) -> None:
        readable = await self.access.readable_library_ids(principal)
        if readable is not ALL and library_id not in readable:
            raise library_not_found(library_id)

    async def _announce(self, kind: str, library_id: UUID) -> None:
        if self.events is not None:
            await self.events.publish(Event(LIBRARY_EVENTS, kind, {"library_id": str(library_id)}))

    def _checked(self, settings: LibrarySettings) -> LibrarySettings:
        check_name(settings.name)
        if not settings.paths:
            raise InvalidInput("a library needs at least one folder", {"field": "paths"})
        for path in settings.paths:
            problem = self.folders.problem_with(path)
            if problem is not None:
                raise InvalidInput(f"{path}: {problem}", {"field": "paths", "path": path})
        return settings


def _library_event(
    principal: Principal, action: str, library: Library, metadata: dict[str, Any]
) -> ActivityEvent:
    return ActivityEvent(
        action,
        user_id=principal.user_id,
        username=principal.username,
        resource_type="library",
        resource_id=library.id,
        metadata={"name": library.settings.name, **metadata},
    )


@attrs.frozen
class LibraryPermissions:
    """Who may do what with one library (for those who manage libraries)."""

    store: LibraryStore
    access: LibraryAccess

    async def list(self, principal: Principal, library_id: UUID) -> list[LibraryGrant]:
        await self._managed_library(principal, library_id)
        return await self.store.grants(library_id)

    async def grant(
        self, principal: Principal, library_id: UUID, user_id: UUID, access: Access
    ) -> LibraryGrant:
        await self._managed_library(principal, library_id)
        event = _grant_event(
            principal, LibraryActions.PERMISSION_GRANT, library_id, user_id, access
        )
        granted = await self.store.grant(library_id, user_id, access, event)
        await self.access.forget(user_id)
        return granted

    async def revoke(
        self, principal: Principal, library_id: UUID, user_id: UUID, access: Access
    ) -> None:
        await self._managed_library(principal, library_id)
        event = _grant_event(
            principal, LibraryActions.PERMISSION_REVOKE, library_id, user_id, access
        )
        if not await self.store.revoke(library_id, user_id, access, event):
            raise NotFound("the user does not hold this permission", {"user_id": str(user_id)})
        await self.access.forget(user_id)

    async def _managed_library(self, principal: Principal, library_id: UUID) -> None:
        require(principal, MANAGE_LIBRARIES)
        if await self.store.get(library_id) is None:
            raise library_not_found(library_id)


def _grant_event(
    principal: Principal, action: str, library_id: UUID, user_id: UUID, access: Access
) -> ActivityEvent:
    return ActivityEvent(
        action,
        user_id=principal.user_id,
        username=principal.username,
        resource_type="library",
        resource_id=library_id,
        metadata={"user_id": str(user_id), "permission": access.value},
    )
