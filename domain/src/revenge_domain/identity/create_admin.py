"""Use case: create an administrator account (the first account of a server, or from the CLI)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import attrs

from revenge_domain.errors import Conflict
from revenge_domain.identity.ports import PasswordHasher, UserRepository
from revenge_domain.identity.user import User, check_email, check_password, check_username
from revenge_domain.ports.uow import UnitOfWork


def utc_now() -> datetime:
    return datetime.now(UTC)


@attrs.define
class CreateAdmin:
    """Create an active admin user; Conflict if the username or email is taken (any case)."""

    users: UserRepository
    hasher: PasswordHasher
    uow: UnitOfWork
    clock: Callable[[], datetime] = utc_now

    async def __call__(
        self, username: str, email: str, password: str, display_name: str | None = None
    ) -> User:
        check_username(username)
        check_email(email)
        check_password(password)
        # Hash before the transaction opens so the slow part never holds a connection.
        password_hash = await self.hasher.hash(password)
        async with self.uow:
            await self._ensure_free(username, email)
            user = User.new(
                username, email, password_hash, self.clock(), display_name, is_admin=True
            )
            await self.users.add(user)
            await self.uow.commit()
        return user

    async def _ensure_free(self, username: str, email: str) -> None:
        if await self.users.exists_username(username):
            raise Conflict(f"username {username!r} is already taken", {"field": "username"})
        if await self.users.exists_email(email):
            raise Conflict(f"email {email!r} is already registered", {"field": "email"})
