"""In-memory identity ports: users in a dict and a transparent password "hash"."""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from revenge_domain.errors import Conflict
from revenge_domain.identity import User


class FakeUserRepository:
    def __init__(self, users: Iterable[User] = ()) -> None:
        self.users: dict[UUID, User] = {user.id: user for user in users}

    async def add(self, user: User) -> None:
        if await self.exists_username(user.username):
            raise Conflict("username taken", {"field": "username"})
        if await self.exists_email(user.email):
            raise Conflict("email taken", {"field": "email"})
        self.users[user.id] = user

    async def get(self, user_id: UUID) -> User | None:
        return self.users.get(user_id)

    async def get_by_username_or_email(self, login: str) -> User | None:
        wanted = login.lower()
        live = (user for user in self.users.values() if not user.is_deleted)
        return next((u for u in live if wanted in (u.username.lower(), u.email.lower())), None)

    async def exists_username(self, username: str) -> bool:
        return any(user.username.lower() == username.lower() for user in self.users.values())

    async def exists_email(self, email: str) -> bool:
        return any(user.email.lower() == email.lower() for user in self.users.values())


class FakePasswordHasher:
    """Keeps the password readable in the "hash" so tests can see what was hashed."""

    def __init__(self, scheme: str = "fake1") -> None:
        self.scheme = scheme

    async def hash(self, password: str) -> str:
        return f"${self.scheme}${password}"

    async def verify(self, password_hash: str, password: str) -> bool:
        _, _, stored = password_hash.partition("$")
        return stored.partition("$")[2] == password

    def needs_rehash(self, password_hash: str) -> bool:
        return not password_hash.startswith(f"${self.scheme}$")
