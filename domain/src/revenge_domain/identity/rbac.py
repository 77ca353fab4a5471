"""Stored roles and grants: the permission vocabulary, the database-backed policy and the
use cases of the rbac endpoints."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Protocol
from uuid import UUID

import attrs

from revenge_domain.activity import Actions, ActivityEntries, ActivityEvent
from revenge_domain.errors import (
    Conflict,
    DomainError,
    InvalidInput,
    NotFound,
    PermissionDenied,
)
from revenge_domain.identity.access import (
    ADMIN,
    DEFAULT_GRANTS,
    GUEST,
    MODERATOR,
    USER,
    Principal,
)
from revenge_domain.identity.credential_cache import CredentialCache
from revenge_domain.identity.issuing import Clock, utc_now
from revenge_domain.identity.ports import SessionRepository, UserRepository
from revenge_domain.ports.cache import Cache
from revenge_domain.ports.catalog_changes import CatalogChanges, Entity, NoCatalogChanges
from revenge_domain.ports.events import Event, EventBus, Subscription
from revenge_domain.ports.uow import UnitOfWork

_ACTIONS_BY_RESOURCE = {
    "users": "list get create update delete",
    "profile": "read update",
    "movies": "list get create update delete",
    "libraries": "list get create update delete scan",
    "playback": "stream progress",
    "requests": "list get create approve delete",
    "settings": "read write user_read user_write",
    "audit": "read export",
    "integrations": "list get create update delete sync",
    "notifications": "list get create update delete",
    "admin": "*",
}
PERMISSIONS: tuple[str, ...] = tuple(
    f"{resource}:{action}"
    for resource, actions in _ACTIONS_BY_RESOURCE.items()
    for action in actions.split()
)
"""Every permission a role can be granted, as "resource:action"."""

BUILT_IN_ROLES: Mapping[str, str] = {
    ADMIN: "Full system access",
    MODERATOR: "Content moderation and user management",
    USER: "Standard user access",
    GUEST: "Read-only access",
}
READ_OTHERS_ROLES = "users:get"
ROLE_NAME = re.compile(r"[a-z][a-z0-9_-]{0,63}")
DESCRIPTION_MAX_LENGTH = 256
GRANTS_KEY = "rbac:grants"
GRANTS_TTL_S = 300.0
GRANTS_REFRESH_S = 10.0
GRANTS_CATEGORY = "rbac"
GRANTS_CHANGED = "grants_changed"

_log = logging.getLogger("revenge.rbac")


@attrs.frozen
class Role:
    name: str
    description: str = ""
    built_in: bool = False
    permissions: frozenset[str] = frozenset()
    user_count: int = 0


def check_role_name(name: str) -> None:
    if not ROLE_NAME.fullmatch(name):
        raise InvalidInput(
            "a role name is 1-64 characters: a lowercase letter, then letters, digits, _ or -",
            {"field": "name"},
        )


def check_permissions(permissions: Iterable[str]) -> frozenset[str]:
    wanted = frozenset(permissions)
    unknown = sorted(wanted.difference(PERMISSIONS))
    if unknown:
        raise InvalidInput(f"unknown permission: {', '.join(unknown)}", {"field": "permissions"})
    return wanted


class RoleCatalog(Protocol):
    """Roles and the permissions each grants. Roles come back with how many users hold them."""

    async def all(self) -> list[Role]: ...

    async def get(self, name: str) -> Role | None: ...

    async def add(self, role: Role) -> None:
        """Store a new role with its permissions; raise Conflict if the name is taken."""
        ...

    async def delete(self, name: str) -> None: ...

    async def set_permissions(self, name: str, permissions: frozenset[str]) -> None:
        """Replace every permission of the role."""
        ...

    async def grant(self, name: str, permission: str) -> None:
        """Add one permission (no effect if already granted)."""
        ...

    async def revoke(self, name: str, permission: str) -> bool:
        """Remove one permission; False if the role did not hold it."""
        ...

    async def grants(self) -> dict[str, frozenset[str]]:
        """Every role's permissions, by role name."""
        ...


class RoleAssignments(Protocol):
    """Which roles each user holds."""

    async def roles_of(self, user_id: UUID) -> frozenset[str]: ...

    async def assign(self, user_id: UUID, role: str) -> None:
        """Give the user the role (no effect if already held)."""
        ...

    async def remove(self, user_id: UUID, role: str) -> bool:
        """Take the role away; False if the user did not hold it."""
        ...


class RbacUnit(UnitOfWork, Protocol):
    """One transaction over users, roles and role assignments."""

    @property
    def users(self) -> UserRepository: ...

    @property
    def catalog(self) -> RoleCatalog: ...

    @property
    def assignments(self) -> RoleAssignments: ...

    @property
    def sessions(self) -> SessionRepository: ...

    @property
    def activity(self) -> ActivityEntries:
        """Entries stored with this unit's commit."""
        ...


RbacUnits = Callable[[], RbacUnit]


@attrs.define
class StoredPermissionPolicy:
    """The grants kept in the database, read through the shared cache.

    Lookups are answered from an in-memory copy (they happen on every request), which
    `refresh()` replaces: the instance making a change calls `forget()`, which also announces the
    new grants on the event bus; every instance that `follow`s the bus applies them as the event
    arrives, then reloads them from the database. A periodic `refresh()` covers a bus that is
    down. Until the first refresh, and when the database cannot be read, the built-in defaults
    (what the migration seeds) apply.
    """

    units: RbacUnits
    cache: Cache | None = None
    grants: Mapping[str, frozenset[str]] = DEFAULT_GRANTS
    events: EventBus | None = None

    def permissions_of(self, roles: Iterable[str]) -> frozenset[str]:
        return frozenset().union(*(self.grants.get(role, frozenset()) for role in roles))

    async def refresh(self) -> None:
        if self.cache is None:
            stored = await self._load()
        else:
            stored = await self.cache.get_or_load(GRANTS_KEY, self._load, GRANTS_TTL_S)
        self.grants = _grants_of(stored)

    async def forget(self) -> None:
        """Drop the cached grants everywhere, reload them here and announce them."""
        if self.cache is not None:
            await self.cache.delete(GRANTS_KEY)
        await self.refresh()
        if self.events is not None:
            listed = {role: sorted(permissions) for role, permissions in self.grants.items()}
            await self.events.publish(Event(GRANTS_CATEGORY, GRANTS_CHANGED, {"grants": listed}))

    async def follow(self, changes: Subscription) -> None:
        """Apply the grants announced on `changes` (a subscription to GRANTS_CATEGORY) until it
        closes; after each announcement, and after a gap in the bus, reload from the database."""
        async for event in changes:
            if event.type == GRANTS_CHANGED and isinstance(event.data.get("grants"), dict):
                self.grants = _grants_of(event.data["grants"])  # before any await: the next
                # request here already sees them
            try:
                self.grants = _grants_of(await self._load())
            except Exception as exc:
                _log.warning(
                    "could not reload the role grants after a change; keeping the announced ones",
                    extra={"fields": {"error": str(exc) or type(exc).__name__}},
                )

    async def keep_fresh(self, interval_s: float) -> None:
        """Refresh every `interval_s` seconds until cancelled; a failed refresh keeps the copy."""
        while True:
            await asyncio.sleep(interval_s)
            try:
                await self.refresh()
            except Exception as exc:
                _log.warning(
                    "could not refresh the role grants; keeping the last ones",
                    extra={"fields": {"error": str(exc) or type(exc).__name__}},
                )

    async def _load(self) -> dict[str, list[str]]:
        async with self.units() as unit:
            stored = await unit.catalog.grants()
        return {role: sorted(permissions) for role, permissions in stored.items()}


def _grants_of(stored: Mapping[str, Iterable[str]]) -> dict[str, frozenset[str]]:
    return {role: frozenset(permissions) for role, permissions in stored.items()}


@attrs.define
class RoleAdministration:
    """The rbac endpoints: roles, their grants ("policies") and who holds which role."""

    units: RbacUnits
    policy: StoredPermissionPolicy
    credentials: CredentialCache = attrs.Factory(CredentialCache)
    clock: Clock = utc_now
    # Told when a user's roles change (the search index shows who is an admin).
    changes: CatalogChanges = attrs.Factory(NoCatalogChanges)

    async def list_roles(self) -> list[Role]:
        async with self.units() as unit:
            return await unit.catalog.all()

    async def get_role(self, name: str) -> Role:
        async with self.units() as unit:
            return await _role(unit, name)

    async def create_role(
        self,
        name: str,
        description: str = "",
        permissions: Iterable[str] = (),
        by: Principal | None = None,
    ) -> Role:
        check_role_name(name)
        if len(description) > DESCRIPTION_MAX_LENGTH:
            raise InvalidInput("the description is too long", {"field": "description"})
        role = Role(name, description, permissions=check_permissions(permissions))
        async with self.units() as unit:
            await unit.catalog.add(role)
            await unit.activity.add(_event(Actions.ROLE_CREATE, by, role=name))
            await unit.commit()
        await self.policy.forget()
        return role

    async def set_permissions(
        self, name: str, permissions: Iterable[str], by: Principal | None = None
    ) -> Role:
        wanted = check_permissions(permissions)
        async with self.units() as unit:
            await _editable(unit, name)
            await unit.catalog.set_permissions(name, wanted)
            role = await _role(unit, name)
            await unit.activity.add(_event(Actions.ROLE_PERMISSIONS_CHANGE, by, role=name))
            await unit.commit()
        await self.policy.forget()
        return role

    async def delete_role(self, name: str, by: Principal | None = None) -> None:
        async with self.units() as unit:
            role = await _role(unit, name)
            if role.built_in:
                raise InvalidInput("built-in roles cannot be deleted", {"role": name})
            if role.user_count:
                raise Conflict("users still hold this role", {"user_count": role.user_count})
            await unit.catalog.delete(name)
            await unit.activity.add(_event(Actions.ROLE_DELETE, by, role=name))
            await unit.commit()
        await self.policy.forget()

    async def policies(self) -> list[tuple[str, str]]:
        """Every (role, permission) grant, sorted."""
        async with self.units() as unit:
            grants = await unit.catalog.grants()
        return sorted((role, p) for role, permissions in grants.items() for p in permissions)

    async def add_policy(self, role: str, permission: str, by: Principal | None = None) -> None:
        check_permissions([permission])
        async with self.units() as unit:
            await _editable(unit, role, missing=InvalidInput)
            await unit.catalog.grant(role, permission)
            await unit.activity.add(
                _event(Actions.ROLE_PERMISSIONS_CHANGE, by, role=role, granted=permission)
            )
            await unit.commit()
        await self.policy.forget()

    async def remove_policy(self, role: str, permission: str, by: Principal | None = None) -> None:
        async with self.units() as unit:
            await _editable(unit, role)
            if not await unit.catalog.revoke(role, permission):
                raise NotFound("no such policy", {"role": role, "permission": permission})
            await unit.activity.add(
                _event(Actions.ROLE_PERMISSIONS_CHANGE, by, role=role, revoked=permission)
            )
            await unit.commit()
        await self.policy.forget()

    async def roles_of(self, principal: Principal, user_id: UUID) -> list[str]:
        """A user's roles: anyone may read their own, only user managers anyone's."""
        if principal.user_id != user_id and not principal.can(READ_OTHERS_ROLES):
            raise PermissionDenied("you may only read your own roles")
        async with self.units() as unit:
            await _user(unit, user_id)
            return sorted(await unit.assignments.roles_of(user_id))

    async def assign(self, user_id: UUID, role: str, by: Principal | None = None) -> list[str]:
        async with self.units() as unit:
            await _user(unit, user_id)
            await _role(unit, role, missing=InvalidInput)
            await unit.assignments.assign(user_id, role)
            roles = sorted(await unit.assignments.roles_of(user_id))
            sessions = await unit.sessions.live_of(user_id, self.clock())
            await unit.activity.add(_event(Actions.ROLE_ASSIGN, by, role=role, user_id=user_id))
            await unit.commit()
        await self.credentials.forget_sessions(session.id for session in sessions)
        await self.changes.changed(Entity.USER, [user_id])
        return roles

    async def unassign(self, user_id: UUID, role: str, by: Principal | None = None) -> None:
        async with self.units() as unit:
            await _user(unit, user_id)
            if not await unit.assignments.remove(user_id, role):
                raise NotFound("the user does not hold this role", {"role": role})
            sessions = await unit.sessions.live_of(user_id, self.clock())
            await unit.activity.add(_event(Actions.ROLE_REVOKE, by, role=role, user_id=user_id))
            await unit.commit()
        # Signed-in callers carry their roles in the cached session: drop it so it takes effect.
        await self.credentials.forget_sessions(session.id for session in sessions)
        await self.changes.changed(Entity.USER, [user_id])


def _event(
    action: str,
    by: Principal | None,
    *,
    role: str,
    user_id: UUID | None = None,
    **permission: str,
) -> ActivityEvent:
    """A change made by `by`; a user's role is a change to that user."""
    return ActivityEvent(
        action,
        user_id=by.user_id if by else None,
        username=by.username if by else None,
        resource_type="role" if user_id is None else "user",
        resource_id=user_id,
        metadata={"role": role, **permission},
    )


async def _user(unit: RbacUnit, user_id: UUID) -> None:
    user = await unit.users.get(user_id)
    if user is None or user.is_deleted:
        raise NotFound("user not found", {"user_id": str(user_id)})


async def _role(unit: RbacUnit, name: str, missing: type[DomainError] = NotFound) -> Role:
    role = await unit.catalog.get(name)
    if role is None:
        raise missing("role not found", {"role": name})
    return role


async def _editable(unit: RbacUnit, name: str, missing: type[DomainError] = NotFound) -> Role:
    """The role, unless it is admin, which always grants everything (so it cannot lock out)."""
    role = await _role(unit, name, missing)
    if name == ADMIN:
        raise InvalidInput("the admin role always grants everything", {"role": name})
    return role


def default_roles() -> list[Role]:
    """The built-in roles with their default grants (what the migration seeds)."""
    return [
        Role(name, description, True, DEFAULT_GRANTS.get(name, frozenset()))
        for name, description in BUILT_IN_ROLES.items()
    ]
