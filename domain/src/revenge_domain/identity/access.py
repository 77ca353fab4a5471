"""Who is calling and what they may do: principals, roles and the permission policy."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Protocol
from uuid import UUID

import attrs

ADMIN, MODERATOR, USER, GUEST = "admin", "moderator", "user", "guest"
EVERYTHING = "admin:*"


class AuthMethod(enum.Enum):
    BEARER = "bearer"
    COOKIE = "cookie"
    API_KEY = "api_key"


@attrs.frozen
class Principal:
    """The authenticated caller of one request."""

    user_id: UUID
    username: str
    roles: frozenset[str]
    permissions: frozenset[str]
    session_id: UUID | None
    method: AuthMethod
    # A read-scoped API key: whatever its permissions say, it changes nothing.
    read_only: bool = False

    def can(self, permission: str) -> bool:
        """True if a grant covers `permission` ("resource:action"), itself or a wildcard."""
        resource = permission.partition(":")[0]
        wanted = (permission, f"{resource}:*", EVERYTHING)
        return any(grant in self.permissions for grant in wanted)


class PermissionPolicy(Protocol):
    """Turns role names into the permissions they grant."""

    def permissions_of(self, roles: Iterable[str]) -> frozenset[str]:
        """Every permission any of `roles` grants; unknown roles grant nothing."""
        ...


def _grants(**by_resource: str) -> frozenset[str]:
    return frozenset(
        f"{resource}:{action}"
        for resource, actions in by_resource.items()
        for action in actions.split()
    )


_ALL_MOVIES = "list get create update delete"
_ALL_LIBRARIES = "list get create update delete scan"

DEFAULT_GRANTS: Mapping[str, frozenset[str]] = {
    ADMIN: frozenset({EVERYTHING}),
    MODERATOR: _grants(
        users="list get",
        profile="read update",
        movies=_ALL_MOVIES,
        libraries=_ALL_LIBRARIES,
        playback="stream progress",
        requests="list get create approve delete",
        settings="read user_read user_write",
        audit="read",
        integrations="list get create update delete sync",
        notifications="list get create update delete",
    ),
    USER: _grants(
        profile="read update",
        movies="list get",
        libraries="list get",
        playback="stream progress",
        requests="list get create",
        settings="user_read user_write",
        notifications="list get",
    ),
    GUEST: _grants(profile="read", movies="list get", libraries="list get", playback="stream"),
}


@attrs.frozen
class DefaultPermissionPolicy:
    """The built-in role table (stored, editable policies replace it later)."""

    grants: Mapping[str, frozenset[str]] = DEFAULT_GRANTS

    def permissions_of(self, roles: Iterable[str]) -> frozenset[str]:
        return frozenset().union(*(self.grants.get(role, frozenset()) for role in roles))
