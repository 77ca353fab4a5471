"""Ports of the identity domain: where users are kept and how passwords are hashed."""

from __future__ import annotations

from typing import Protocol
from uuid import UUID

from revenge_domain.identity.user import User


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
