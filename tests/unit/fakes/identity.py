"""In-memory identity ports: users in a dict and a transparent password "hash"."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from uuid import UUID

import attrs

from revenge_domain.errors import Conflict, Unauthenticated
from revenge_domain.identity import AccessClaims, RefreshTokenRecord, Session, User
from tests.unit.fakes.activity import KeptActivity
from tests.unit.fakes.uow import FakeUnitOfWork


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


class FakeUserStore(FakeUserRepository):
    """Users with the sign-in bookkeeping the identity use cases need."""

    async def any_exist(self) -> bool:
        return bool(self.users)

    async def record_login(self, user_id: UUID, at: datetime) -> None:
        self.users[user_id].last_login_at = at

    async def set_password_hash(self, user_id: UUID, password_hash: str, at: datetime) -> None:
        self.users[user_id].password_hash = password_hash
        self.users[user_id].updated_at = at


class FakeSessionRepository:
    def __init__(self) -> None:
        self.sessions: dict[UUID, Session] = {}
        self.tokens: dict[str, RefreshTokenRecord] = {}

    async def add(self, session: Session) -> None:
        self.sessions[session.id] = attrs.evolve(session)

    async def get(self, session_id: UUID) -> Session | None:
        found = self.sessions.get(session_id)
        return attrs.evolve(found) if found else None

    async def live_of(self, user_id: UUID, now: datetime) -> list[Session]:
        live = [s for s in self.sessions.values() if s.user_id == user_id and s.is_live(now)]
        return sorted(live, key=lambda s: s.last_activity_at, reverse=True)

    async def touch(self, session_id: UUID, at: datetime, expires_at: datetime) -> None:
        self.sessions[session_id].last_activity_at = at
        self.sessions[session_id].expires_at = expires_at

    async def revoke(self, session_id: UUID, at: datetime, reason: str) -> None:
        session = self.sessions[session_id]
        if session.revoked_at is None:
            session.revoked_at, session.revoke_reason = at, reason

    async def revoke_all(
        self, user_id: UUID, at: datetime, reason: str, keep: UUID | None = None
    ) -> None:
        for session in list(self.sessions.values()):
            if session.user_id == user_id and session.id != keep:
                await self.revoke(session.id, at, reason)

    async def add_token(self, token: RefreshTokenRecord) -> None:
        self.tokens[token.token_hash] = token

    async def find_token(self, token_hash: str) -> RefreshTokenRecord | None:
        return self.tokens.get(token_hash)

    async def mark_replaced(self, token_hash: str, at: datetime) -> bool:
        token = self.tokens[token_hash]
        if token.replaced_at is not None:
            return False
        self.tokens[token_hash] = attrs.evolve(token, replaced_at=at)
        return True


class FakeRoleRepository:
    def __init__(self) -> None:
        self.roles: dict[UUID, set[str]] = {}

    async def roles_of(self, user_id: UUID) -> frozenset[str]:
        return frozenset(self.roles.get(user_id, set()))

    async def assign(self, user_id: UUID, role: str) -> None:
        self.roles.setdefault(user_id, set()).add(role)


class FakeLoginAttempts:
    def __init__(self) -> None:
        self.attempts: list[tuple[str, str, datetime]] = []

    async def record(self, login: str, address: str, at: datetime) -> None:
        self.attempts.append((login, address, at))

    async def times_for_login(self, login: str, since: datetime) -> list[datetime]:
        return sorted(t for n, _, t in self.attempts if n.lower() == login.lower() and t >= since)

    async def clear_login(self, login: str) -> None:
        self.attempts = [a for a in self.attempts if a[0].lower() != login.lower()]


class FakeIdentityUnit(FakeUnitOfWork):
    """Repositories are shared by every unit of one `FakeIdentityStore` (no rollback of data)."""

    def __init__(self, store: FakeIdentityStore) -> None:
        super().__init__(store.activity)
        self.users = store.users
        self.sessions = store.sessions
        self.roles = store.roles
        self.attempts = store.attempts


class FakeIdentityStore:
    def __init__(self) -> None:
        self.users = FakeUserStore()
        self.sessions = FakeSessionRepository()
        self.roles = FakeRoleRepository()
        self.attempts = FakeLoginAttempts()
        self.activity = KeptActivity()

    def __call__(self) -> FakeIdentityUnit:
        return FakeIdentityUnit(self)


class FakeTokenSigner:
    """Readable tokens "user|session|expires" checked against a settable clock."""

    def __init__(self, clock: Callable[[], datetime]) -> None:
        self.clock = clock

    def sign(self, claims: AccessClaims) -> str:
        return f"{claims.user_id}|{claims.session_id}|{claims.expires_at.timestamp()}"

    def read(self, token: str) -> AccessClaims:
        try:
            user, session, expires = token.split("|")
            expires_at = datetime.fromtimestamp(float(expires), UTC)
            claims = AccessClaims(UUID(user), UUID(session), expires_at, expires_at)
        except ValueError:
            raise Unauthenticated("bad token") from None
        if expires_at <= self.clock():
            raise Unauthenticated("expired")
        return claims
