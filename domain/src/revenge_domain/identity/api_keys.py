"""API keys: long-lived personal credentials for programs, limited by scopes.

The secret is `rv_` and 64 hex digits, shown once when the key is made; only its SHA-256 is
kept, with the first characters for people to recognise the key by.
"""

from __future__ import annotations

import secrets
import string
from collections.abc import Iterable
from datetime import datetime
from uuid import UUID

import attrs

from revenge_domain.errors import InvalidInput
from revenge_domain.identity.access import EVERYTHING

SECRET_PREFIX = "rv_"  # noqa: S105 - the marker of a key, not a secret
SECRET_BYTES = 32
SECRET_LENGTH = len(SECRET_PREFIX) + 2 * SECRET_BYTES
SHOWN_PREFIX_LENGTH = 8
MAX_ACTIVE_KEYS = 10
NAME_MAX_LENGTH = 255
DESCRIPTION_MAX_LENGTH = 1000

READ, WRITE, ADMIN_SCOPE = "read", "write", "admin"
SCOPES = (READ, WRITE, ADMIN_SCOPE)
READ_ACTIONS = frozenset({"list", "get", "read"})

# Every permission a read-only key may use: what wildcard grants ("movies:*", "admin:*") become.
READABLE_PERMISSIONS = frozenset(
    {
        "users:list",
        "users:get",
        "profile:read",
        "movies:list",
        "movies:get",
        "libraries:list",
        "libraries:get",
        "requests:list",
        "requests:get",
        "settings:read",
        "audit:read",
        "integrations:list",
        "integrations:get",
        "notifications:list",
        "notifications:get",
    }
)


@attrs.define
class ApiKey:
    """A stored key: everything but the secret."""

    id: UUID
    user_id: UUID
    name: str
    key_hash: str = attrs.field(repr=False)
    key_prefix: str
    scopes: tuple[str, ...]
    created_at: datetime
    updated_at: datetime
    description: str | None = None
    is_active: bool = True
    expires_at: datetime | None = None
    last_used_at: datetime | None = None

    def is_usable(self, now: datetime) -> bool:
        return self.is_active and (self.expires_at is None or now < self.expires_at)


@attrs.frozen
class CreatedApiKey:
    """A new key with its secret, which exists only in this answer."""

    key: ApiKey
    secret: str = attrs.field(repr=False)


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_hex(SECRET_BYTES)


def shown_prefix(secret: str) -> str:
    return secret[:SHOWN_PREFIX_LENGTH]


def is_well_formed(secret: str) -> bool:
    digits = secret[len(SECRET_PREFIX) :]
    return (
        len(secret) == SECRET_LENGTH
        and secret.startswith(SECRET_PREFIX)
        and all(c in string.hexdigits for c in digits)
    )


def checked_scopes(scopes: Iterable[str]) -> tuple[str, ...]:
    """The scopes without repeats, in the order given; InvalidInput unless all are known."""
    unique = tuple(dict.fromkeys(scopes))
    unknown = [scope for scope in unique if scope not in SCOPES]
    if not unique or unknown:
        raise InvalidInput(
            f"scopes must be one or more of {', '.join(SCOPES)}",
            {"field": "scopes", "unknown": unknown},
        )
    return unique


def reads_only(scopes: Iterable[str]) -> bool:
    """True when a key with `scopes` may only read."""
    return not (frozenset(scopes) & {WRITE, ADMIN_SCOPE})


def narrowed(
    permissions: frozenset[str],
    scopes: Iterable[str],
    readable: frozenset[str] = READABLE_PERMISSIONS,
) -> frozenset[str]:
    """What a key with `scopes` may do of what its owner may: write and admin keep everything,
    read keeps only reading (`*:list`, `*:get`, `*:read`); no known scope keeps nothing."""
    scopes = frozenset(scopes)
    if WRITE in scopes or ADMIN_SCOPE in scopes:
        return permissions
    if READ not in scopes:
        return frozenset()
    kept: set[str] = set()
    for grant in permissions:
        resource, _, action = grant.partition(":")
        if action in READ_ACTIONS:
            kept.add(grant)
        elif grant == EVERYTHING:
            kept.update(readable)
        elif action == "*":
            kept.update(p for p in readable if p.partition(":")[0] == resource)
    return frozenset(kept)
