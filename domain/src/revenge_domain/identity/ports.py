"""Ports of the identity domain: where users are kept and how passwords are hashed."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol
from uuid import UUID

from revenge_domain.activity import ActivityEntries
from revenge_domain.identity.api_keys import ApiKey
from revenge_domain.identity.session import AccessClaims, RefreshTokenRecord, Session
from revenge_domain.identity.user import User
from revenge_domain.ports.uow import UnitOfWork


class UserRepository(Protocol):
    """User accounts. Username and email comparisons ignore letter case."""

    async def add(self, user: User) -> None:
        """Store a new user; raise Conflict if the username or email is already taken."""
        ...

    async def get(self, user_id: UUID) -> User | None:
        """The user with this id (soft-deleted users included), or None."""
        ...

    async def get_by_username_or_email(self, login: str) -> User | None:
        """The live (not deleted) user whose username or email matches `login`."""
        ...

    async def exists_username(self, username: str) -> bool:
        """True if any user, deleted or not, has this username."""
        ...

    async def exists_email(self, email: str) -> bool:
        """True if any user, deleted or not, has this email."""
        ...

    async def any_exist(self) -> bool:
        """True if any user exists. Holds concurrent callers until this transaction ends, so
        that only one account can ever be the first."""
        ...

    async def record_login(self, user_id: UUID, at: datetime) -> None:
        """Set the user's last sign-in time."""
        ...

    async def set_password_hash(self, user_id: UUID, password_hash: str, at: datetime) -> None:
        """Replace the user's password hash."""
        ...


class PasswordHasher(Protocol):
    """One-way password hashing. Hashing is slow on purpose; it must not block the event loop."""

    async def hash(self, password: str) -> str:
        """A self-describing hash string (algorithm, parameters, salt, digest)."""
        ...

    async def verify(self, password_hash: str, password: str) -> bool:
        """True if `password` matches; False on a mismatch or an unreadable hash."""
        ...

    def needs_rehash(self, password_hash: str) -> bool:
        """True if the hash was made with other parameters than the current ones."""
        ...


class SessionRepository(Protocol):
    """Sign-in sessions and their refresh tokens (kept as hashes only)."""

    async def add(self, session: Session) -> None: ...

    async def get(self, session_id: UUID) -> Session | None:
        """The session with this id, revoked or not."""
        ...

    async def live_of(self, user_id: UUID, now: datetime) -> list[Session]:
        """The user's sessions that are neither revoked nor expired, most recent activity first."""
        ...

    async def touch(self, session_id: UUID, at: datetime, expires_at: datetime) -> None:
        """Record activity and move the expiry."""
        ...

    async def revoke(self, session_id: UUID, at: datetime, reason: str) -> None:
        """Revoke one session (no effect if it already is)."""
        ...

    async def revoke_all(
        self, user_id: UUID, at: datetime, reason: str, keep: UUID | None = None
    ) -> None:
        """Revoke every live session of the user except `keep`."""
        ...

    async def add_token(self, token: RefreshTokenRecord) -> None: ...

    async def find_token(self, token_hash: str) -> RefreshTokenRecord | None: ...

    async def mark_replaced(self, token_hash: str, at: datetime) -> bool:
        """Mark the token rotated; False if it already was (someone used it first)."""
        ...


class RoleRepository(Protocol):
    """Which roles each user holds."""

    async def roles_of(self, user_id: UUID) -> frozenset[str]: ...

    async def assign(self, user_id: UUID, role: str) -> None:
        """Give the user the role (no effect if already held)."""
        ...


class LoginAttempts(Protocol):
    """Failed sign-ins, by what they count against (an account, or a name that is none)."""

    async def record(self, login: str, address: str, at: datetime) -> None: ...

    async def times_for_login(self, login: str, since: datetime) -> list[datetime]:
        """Times of failures for `login` (any letter case) since `since`, oldest first."""
        ...

    async def clear_login(self, login: str) -> None:
        """Forget the failed attempts for `login` (after a successful sign-in)."""
        ...


class IdentityUnit(UnitOfWork, Protocol):
    """One transaction over every identity repository."""

    @property
    def users(self) -> UserRepository: ...

    @property
    def sessions(self) -> SessionRepository: ...

    @property
    def roles(self) -> RoleRepository: ...

    @property
    def attempts(self) -> LoginAttempts: ...

    @property
    def activity(self) -> ActivityEntries:
        """Entries stored with this unit's commit."""
        ...


class TokenSigner(Protocol):
    """Signs and reads short-lived access tokens."""

    def sign(self, claims: AccessClaims) -> str: ...

    def read(self, token: str) -> AccessClaims:
        """The claims of a genuine, unexpired token; raise Unauthenticated otherwise."""
        ...


class ApiKeyRepository(Protocol):
    """API keys, found by id or by the hash of their secret."""

    async def add(self, key: ApiKey) -> None: ...

    async def get(self, key_id: UUID) -> ApiKey | None: ...

    async def find_by_hash(self, key_hash: str) -> ApiKey | None: ...

    async def of_user(self, user_id: UUID) -> list[ApiKey]:
        """Every key of the user, revoked and expired ones too, newest first."""
        ...

    async def count_usable(self, user_id: UUID, now: datetime) -> int:
        """How many of the user's keys are active and unexpired. Holds other callers for the
        same user until this transaction ends, so a limit checked with it cannot be raced."""
        ...

    async def deactivate(self, key_id: UUID, at: datetime) -> None: ...


class ApiKeyUnit(UnitOfWork, Protocol):
    """One transaction over API keys and the users and roles they act for."""

    @property
    def api_keys(self) -> ApiKeyRepository: ...

    @property
    def users(self) -> UserRepository: ...

    @property
    def roles(self) -> RoleRepository: ...

    @property
    def activity(self) -> ActivityEntries:
        """Entries stored with this unit's commit."""
        ...


class ApiKeyUses(Protocol):
    """Records that keys were used (their `last_used_at`) without making the request wait."""

    def record(self, key_id: UUID, at: datetime) -> None:
        """Remember the use in memory; it reaches storage later, with others, in one write."""
        ...
