"""Activity log values: what happened, who did it, and the queries over the log."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import attrs

from revenge_domain.errors import InvalidInput


def utc_now() -> datetime:
    return datetime.now(UTC)


class Actions:
    """Action names used by the code (other names are allowed too)."""

    LOGIN = "user.login"
    LOGOUT = "user.logout"
    PASSWORD_CHANGE = "user.password_change"  # noqa: S105 - an action name
    PASSWORD_RESET = "user.password_reset"  # noqa: S105 - an action name
    USER_CREATE = "user.create"
    USER_UPDATE = "user.update"
    USER_DELETE = "user.delete"
    MFA_ENABLE = "mfa.enable"
    MFA_DISABLE = "mfa.disable"
    TOTP_ENABLE = "mfa.totp.enable"
    TOTP_DISABLE = "mfa.totp.disable"
    BACKUP_CODES_REGENERATE = "mfa.backup_codes.regenerate"
    APIKEY_CREATE = "apikey.create"
    APIKEY_REVOKE = "apikey.revoke"
    SESSION_REVOKE = "session.revoke"
    ROLE_ASSIGN = "admin.role.assign"
    ROLE_REVOKE = "admin.role.revoke"
    ROLE_CREATE = "admin.role.create"
    ROLE_DELETE = "admin.role.delete"
    ROLE_PERMISSIONS_CHANGE = "admin.role.permissions_change"
    SETTINGS_UPDATE = "settings.update"


# Security events are recorded ahead of everything else (their own, faster queue).
SECURITY_ACTIONS = frozenset(
    {
        Actions.LOGIN,
        Actions.LOGOUT,
        Actions.PASSWORD_CHANGE,
        Actions.PASSWORD_RESET,
        Actions.USER_CREATE,
        Actions.USER_DELETE,
        Actions.MFA_ENABLE,
        Actions.MFA_DISABLE,
        Actions.TOTP_ENABLE,
        Actions.TOTP_DISABLE,
        Actions.BACKUP_CODES_REGENERATE,
        Actions.APIKEY_CREATE,
        Actions.APIKEY_REVOKE,
        Actions.SESSION_REVOKE,
        Actions.ROLE_ASSIGN,
        Actions.ROLE_REVOKE,
        Actions.ROLE_CREATE,
        Actions.ROLE_DELETE,
        Actions.ROLE_PERMISSIONS_CHANGE,
        "oidc.login",
        "oidc.link",
        "oidc.unlink",
        "admin.user.ban",
        "admin.user.unban",
    }
)


@attrs.frozen
class ActivityEvent:
    """Something a person (or the server) did; `changes` maps field -> {"old": .., "new": ..}."""

    action: str
    occurred_at: datetime = attrs.field(factory=utc_now)
    success: bool = True
    user_id: UUID | None = None
    username: str | None = None
    resource_type: str | None = None
    resource_id: UUID | None = None
    changes: dict[str, Any] = attrs.field(factory=dict)
    metadata: dict[str, Any] = attrs.field(factory=dict)
    ip_address: str | None = None
    user_agent: str | None = None
    error_message: str | None = None

    @property
    def is_security(self) -> bool:
        return self.action in SECURITY_ACTIONS or self.action.endswith(".failed")


@attrs.frozen
class ActivityEntry:
    """An event as stored in the log."""

    id: UUID
    event: ActivityEvent


MAX_PAGE = 100


@attrs.frozen
class ActivityQuery:
    """Filters (all optional, combined with AND) and one page of the newest-first log."""

    user_id: UUID | None = None
    action: str | None = None
    resource_type: str | None = None
    resource_id: UUID | None = None
    success: bool | None = None
    start_time: datetime | None = None
    end_time: datetime | None = None
    limit: int = 50
    offset: int = 0

    def __attrs_post_init__(self) -> None:
        if not 1 <= self.limit <= MAX_PAGE:
            raise InvalidInput(f"limit must be between 1 and {MAX_PAGE}", {"field": "limit"})
        if self.offset < 0:
            raise InvalidInput("offset must not be negative", {"field": "offset"})


@attrs.frozen
class ActivityPage:
    entries: list[ActivityEntry]
    total: int
    limit: int
    offset: int

    @property
    def page(self) -> int:
        return self.offset // self.limit + 1


@attrs.frozen
class ActivityStats:
    total_count: int
    success_count: int
    failed_count: int
    oldest_entry: datetime | None = None
    newest_entry: datetime | None = None


@attrs.frozen
class ActionCount:
    action: str
    count: int
