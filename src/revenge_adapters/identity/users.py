"""The user repository on PostgreSQL (`shared.users`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol
from uuid import UUID

import attrs
from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from revenge_adapters.identity.tables import EMAIL_INDEX, USERNAME_INDEX, user_columns, users
from revenge_domain.errors import Conflict
from revenge_domain.identity import User

FIRST_ACCOUNT_LOCK = 0x5245_5645_4E47_4501  # an arbitrary, fixed advisory lock key

# Columns the entity carries; the others (avatar, verification time, ...) keep their defaults.
_ENTITY_COLUMNS = tuple(field.name for field in attrs.fields(User))


class SessionSource(Protocol):
    """Gives the open session of the current transaction (the SQL unit of work does)."""

    @property
    def session(self) -> AsyncSession: ...


class PgUserRepository:
    """Reads and writes through the session of the unit of work it was built with."""

    def __init__(self, source: SessionSource) -> None:
        self._source = source

    async def add(self, user: User) -> None:
        session = self._source.session
        try:
            async with session.begin_nested():
                await session.execute(users.insert().values(_row_of(user)))
        except IntegrityError as exc:
            raise _conflict_of(exc) from None

    async def get(self, user_id: UUID) -> User | None:
        return await self._one(select(*user_columns()).where(users.c.id == user_id))

    async def get_by_username_or_email(self, login: str) -> User | None:
        wanted = func.lower(login)
        stmt = (
            select(*user_columns())
            .where(users.c.deleted_at.is_(None))
            # Usernames cannot hold "@" and emails must: at most one row matches.
            .where(or_(func.lower(users.c.username) == wanted, func.lower(users.c.email) == wanted))
            .limit(1)
        )
        return await self._one(stmt)

    async def exists_username(self, username: str) -> bool:
        stmt = select(exists().where(func.lower(users.c.username) == func.lower(username)))
        return bool(await self._source.session.scalar(stmt))

    async def exists_email(self, email: str) -> bool:
        stmt = select(exists().where(func.lower(users.c.email) == func.lower(email)))
        return bool(await self._source.session.scalar(stmt))

    async def any_exist(self) -> bool:
        session = self._source.session
        # One lock key for "who is first": concurrent first registrations queue up behind it.
        await session.execute(select(func.pg_advisory_xact_lock(FIRST_ACCOUNT_LOCK)))
        return bool(await session.scalar(select(exists().select_from(users))))

    async def record_login(self, user_id: UUID, at: datetime) -> None:
        stmt = users.update().where(users.c.id == user_id).values(last_login_at=at)
        await self._source.session.execute(stmt)

    async def set_password_hash(self, user_id: UUID, password_hash: str, at: datetime) -> None:
        stmt = (
            users.update()
            .where(users.c.id == user_id)
            .values(password_hash=password_hash, updated_at=at)
        )
        await self._source.session.execute(stmt)

    async def _one(self, stmt: Select[Any]) -> User | None:
        row = (await self._source.session.execute(stmt)).mappings().first()
        return User(**{name: row[name] for name in _ENTITY_COLUMNS}) if row else None


def _row_of(user: User) -> dict[str, object]:
    return {name: getattr(user, name) for name in _ENTITY_COLUMNS}


def _conflict_of(exc: IntegrityError) -> Exception:
    constraint = getattr(exc.orig.__cause__, "constraint_name", None) if exc.orig else None
    if constraint == USERNAME_INDEX:
        return Conflict("username is already taken", {"field": "username"})
    if constraint == EMAIL_INDEX:
        return Conflict("email is already registered", {"field": "email"})
    return exc
