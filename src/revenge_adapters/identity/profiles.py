"""Account upkeep on PostgreSQL: one-time tokens, profiles, preferences, avatars."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

import attrs
from sqlalchemy import ColumnElement, Table, case, exists, false, func, null, or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.identity.account_tables import (
    email_verification_tokens,
    password_reset_tokens,
    user_avatars,
    user_preferences,
)
from revenge_adapters.identity.tables import holds_admin, user_columns, user_roles, users
from revenge_adapters.identity.unit import PgIdentityUnit
from revenge_adapters.identity.users import SessionSource, _conflict_of
from revenge_domain.identity import User
from revenge_domain.identity.account_ports import (
    Avatar,
    OneTimeToken,
    Profile,
    ProfileChanges,
    TokenKind,
    UserQuery,
)
from revenge_domain.identity.credential_cache import CredentialCache

_USER_COLUMNS = tuple(field.name for field in attrs.fields(User))
_AVATAR_COLUMNS = tuple(field.name for field in attrs.fields(Avatar))
# Per kind: the table and the column that marks a token spent.
_TOKEN_TABLES: dict[TokenKind, tuple[Table, str]] = {
    TokenKind.PASSWORD_RESET: (password_reset_tokens, "used_at"),
    TokenKind.EMAIL_VERIFICATION: (email_verification_tokens, "verified_at"),
}


class PgOneTimeTokens:
    def __init__(self, source: SessionSource) -> None:
        self._source = source

    async def add(self, token: OneTimeToken) -> None:
        table, _ = _TOKEN_TABLES[token.kind]
        row: dict[str, object] = {
            "user_id": token.user_id,
            "token_hash": token.token_hash,
            "created_at": token.created_at,
            "expires_at": token.expires_at,
        }
        if "email" in table.c:
            row["email"] = token.email
        await self._source.session.execute(table.insert().values(row))

    async def find(self, kind: TokenKind, token_hash: str) -> OneTimeToken | None:
        table, used = _TOKEN_TABLES[kind]
        stmt = (
            select(table, users.c.email.label("user_email"))
            .join(users, users.c.id == table.c.user_id)
            .where(table.c.token_hash == token_hash)
        )
        row = (await self._source.session.execute(stmt)).mappings().first()
        if row is None:
            return None
        email = row["email"] if "email" in table.c else row["user_email"]
        return OneTimeToken(
            kind, token_hash, row["user_id"], email, row["created_at"], row["expires_at"], row[used]
        )

    async def claim(self, kind: TokenKind, token_hash: str, at: datetime) -> bool:
        table, used = _TOKEN_TABLES[kind]
        stmt = (
            table.update()
            .where(table.c.token_hash == token_hash)
            .where(table.c[used].is_(None))
            .where(table.c.expires_at > at)
            .values({used: at})
            .returning(table.c.id)
        )
        return (await self._source.session.execute(stmt)).first() is not None

    async def void_unused(self, kind: TokenKind, user_id: UUID, at: datetime) -> None:
        table, used = _TOKEN_TABLES[kind]
        stmt = (
            table.update()
            .where(table.c.user_id == user_id)
            .where(table.c[used].is_(None))
            .values({used: at})
        )
        await self._source.session.execute(stmt)


class PgProfileRepository:
    def __init__(self, source: SessionSource) -> None:
        self._source = source

    async def get(self, user_id: UUID) -> Profile | None:
        stmt = select(*user_columns()).where(users.c.id == user_id, users.c.deleted_at.is_(None))
        row = (await self._source.session.execute(stmt)).mappings().first()
        return _profile_of(row) if row else None

    async def update(self, user_id: UUID, changes: ProfileChanges, at: datetime) -> None:
        values: dict[str, object] = {
            k: v for k, v in attrs.asdict(changes).items() if v is not None
        }
        if changes.email is not None:
            # SET sees the old row: only a different address loses the verified flag.
            unchanged = func.lower(users.c.email) == func.lower(changes.email)
            values["email_verified"] = case((unchanged, users.c.email_verified), else_=false())
            values["email_verified_at"] = case((unchanged, users.c.email_verified_at), else_=null())
        stmt = users.update().where(users.c.id == user_id).values({**values, "updated_at": at})
        session = self._source.session
        try:
            async with session.begin_nested():
                await session.execute(stmt)
        except IntegrityError as exc:
            raise _conflict_of(exc) from None

    async def mark_email_verified(self, user_id: UUID, email: str, at: datetime) -> bool:
        stmt = (
            users.update()
            .where(users.c.id == user_id)
            .where(users.c.deleted_at.is_(None))
            .where(func.lower(users.c.email) == func.lower(email))
            .values(email_verified=True, email_verified_at=at, updated_at=at)
            .returning(users.c.id)
        )
        return (await self._source.session.execute(stmt)).first() is not None

    async def set_avatar_url(self, user_id: UUID, url: str, at: datetime) -> None:
        stmt = users.update().where(users.c.id == user_id).values(avatar_url=url, updated_at=at)
        await self._source.session.execute(stmt)

    async def search(self, query: UserQuery) -> tuple[list[Profile], int]:
        where = _filters(query)
        total_stmt = select(func.count()).select_from(users).where(*where)
        total = int(await self._source.session.scalar(total_stmt) or 0)
        stmt = (
            select(*user_columns())
            .where(*where)
            .order_by(users.c.created_at.desc(), users.c.id)
            .limit(query.limit)
            .offset(query.offset)
        )
        rows = (await self._source.session.execute(stmt)).mappings().all()
        return [_profile_of(row) for row in rows], total

    async def soft_delete(self, user_id: UUID, at: datetime) -> bool:
        stmt = (
            users.update()
            .where(users.c.id == user_id)
            .where(users.c.deleted_at.is_(None))
            .values(deleted_at=at, is_active=False, updated_at=at)
            .returning(users.c.id)
        )
        return (await self._source.session.execute(stmt)).first() is not None


class PgPreferenceRepository:
    def __init__(self, source: SessionSource) -> None:
        self._source = source

    async def get(self, user_id: UUID) -> dict[str, Any] | None:
        stmt = select(user_preferences).where(user_preferences.c.user_id == user_id)
        row = (await self._source.session.execute(stmt)).mappings().first()
        if row is None:
            return None
        skipped = ("user_id", "created_at", "updated_at")
        return {key: value for key, value in row.items() if key not in skipped}

    async def save(self, user_id: UUID, values: dict[str, Any], at: datetime) -> None:
        stmt = insert(user_preferences).values(user_id=user_id, updated_at=at, **values)
        stmt = stmt.on_conflict_do_update(
            index_elements=[user_preferences.c.user_id], set_={**values, "updated_at": at}
        )
        await self._source.session.execute(stmt)


class PgAvatarRepository:
    def __init__(self, source: SessionSource) -> None:
        self._source = source

    async def latest_version(self, user_id: UUID) -> int:
        session = self._source.session
        # Locks the user row: concurrent uploads of one user take their turns.
        await session.execute(select(users.c.id).where(users.c.id == user_id).with_for_update())
        stmt = select(func.max(user_avatars.c.version)).where(user_avatars.c.user_id == user_id)
        return int(await session.scalar(stmt) or 0)

    async def replace_current(self, avatar: Avatar) -> None:
        session = self._source.session
        await session.execute(
            user_avatars.update()
            .where(user_avatars.c.user_id == avatar.user_id)
            .where(user_avatars.c.is_current)
            .values(is_current=False)
        )
        row = {name: getattr(avatar, name) for name in _AVATAR_COLUMNS}
        await session.execute(user_avatars.insert().values(row))

    async def current(self, user_id: UUID) -> Avatar | None:
        stmt = (
            select(user_avatars)
            .where(user_avatars.c.user_id == user_id)
            .where(user_avatars.c.is_current)
            .where(user_avatars.c.deleted_at.is_(None))
        )
        row = (await self._source.session.execute(stmt)).mappings().first()
        return Avatar(**{name: row[name] for name in _AVATAR_COLUMNS}) if row else None


class PgAccountUnit(PgIdentityUnit):
    """The identity unit with the account upkeep repositories."""

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        credentials: CredentialCache | None = None,
    ) -> None:
        super().__init__(session_factory, credentials)
        self.one_time_tokens = PgOneTimeTokens(self)
        self.profiles = PgProfileRepository(self)
        self.preferences = PgPreferenceRepository(self)
        self.avatars = PgAvatarRepository(self)


def _filters(query: UserQuery) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [users.c.deleted_at.is_(None)]
    if query.text:
        pattern = (
            "%" + query.text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        )
        where.append(
            or_(
                users.c.username.ilike(pattern),
                users.c.email.ilike(pattern),
                users.c.display_name.ilike(pattern),
            )
        )
    if query.is_active is not None:
        where.append(users.c.is_active.is_(query.is_active))
    if query.is_admin is not None:
        where.append(holds_admin() if query.is_admin else ~holds_admin())
    if query.role is not None:
        where.append(_holds(query.role))
    return where


def _holds(role: str) -> ColumnElement[bool]:
    return exists().where(user_roles.c.user_id == users.c.id).where(user_roles.c.role == role)


def _profile_of(row: Any) -> Profile:
    user = User(**{name: row[name] for name in _USER_COLUMNS})
    return Profile(user, row["avatar_url"])
