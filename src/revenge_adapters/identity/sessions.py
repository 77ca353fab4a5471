"""Sessions, refresh tokens, roles and failed sign-ins on PostgreSQL."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

import attrs
from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert

from revenge_adapters.identity.tables import (
    auth_tokens,
    failed_login_attempts,
    sessions,
    user_roles,
)
from revenge_adapters.identity.users import SessionSource
from revenge_domain.identity import RefreshTokenRecord, Session

_SESSION_COLUMNS = tuple(field.name for field in attrs.fields(Session))
_TOKEN_COLUMNS = tuple(field.name for field in attrs.fields(RefreshTokenRecord))


class PgSessionRepository:
    def __init__(self, source: SessionSource) -> None:
        self._source = source
        # Sessions this transaction revoked: the unit forgets their cached validation on commit.
        self.ended: list[UUID] = []

    async def add(self, session: Session) -> None:
        row = {name: getattr(session, name) for name in _SESSION_COLUMNS}
        await self._source.session.execute(sessions.insert().values(row))

    async def get(self, session_id: UUID) -> Session | None:
        stmt = select(sessions).where(sessions.c.id == session_id)
        row = (await self._source.session.execute(stmt)).mappings().first()
        return _session_of(row) if row else None

    async def live_of(self, user_id: UUID, now: datetime) -> list[Session]:
        stmt = (
            select(sessions)
            .where(sessions.c.user_id == user_id)
            .where(sessions.c.revoked_at.is_(None))
            .where(sessions.c.expires_at > now)
            .order_by(sessions.c.last_activity_at.desc())
        )
        rows = (await self._source.session.execute(stmt)).mappings().all()
        return [_session_of(row) for row in rows]

    async def touch(self, session_id: UUID, at: datetime, expires_at: datetime) -> None:
        stmt = (
            sessions.update()
            .where(sessions.c.id == session_id)
            .values(last_activity_at=at, expires_at=expires_at)
        )
        await self._source.session.execute(stmt)

    async def revoke(self, session_id: UUID, at: datetime, reason: str) -> None:
        stmt = (
            sessions.update()
            .where(sessions.c.id == session_id)
            .where(sessions.c.revoked_at.is_(None))
            .values(revoked_at=at, revoke_reason=reason)
            .returning(sessions.c.id)
        )
        self.ended.extend((await self._source.session.scalars(stmt)).all())

    async def revoke_all(
        self, user_id: UUID, at: datetime, reason: str, keep: UUID | None = None
    ) -> None:
        stmt = (
            sessions.update()
            .where(sessions.c.user_id == user_id)
            .where(sessions.c.revoked_at.is_(None))
            .values(revoked_at=at, revoke_reason=reason)
        )
        if keep is not None:
            stmt = stmt.where(sessions.c.id != keep)
        self.ended.extend((await self._source.session.scalars(stmt.returning(sessions.c.id))).all())

    async def add_token(self, token: RefreshTokenRecord) -> None:
        row = {name: getattr(token, name) for name in _TOKEN_COLUMNS}
        await self._source.session.execute(auth_tokens.insert().values(row))

    async def find_token(self, token_hash: str) -> RefreshTokenRecord | None:
        stmt = select(auth_tokens).where(auth_tokens.c.token_hash == token_hash)
        row = (await self._source.session.execute(stmt)).mappings().first()
        return RefreshTokenRecord(**{name: row[name] for name in _TOKEN_COLUMNS}) if row else None

    async def mark_replaced(self, token_hash: str, at: datetime) -> bool:
        # The row lock of this UPDATE makes a concurrent second use see replaced_at set.
        stmt = (
            auth_tokens.update()
            .where(auth_tokens.c.token_hash == token_hash)
            .where(auth_tokens.c.replaced_at.is_(None))
            .values(replaced_at=at)
            .returning(auth_tokens.c.token_hash)
        )
        return (await self._source.session.execute(stmt)).first() is not None


class PgRoleRepository:
    def __init__(self, source: SessionSource) -> None:
        self._source = source

    async def roles_of(self, user_id: UUID) -> frozenset[str]:
        stmt = select(user_roles.c.role).where(user_roles.c.user_id == user_id)
        return frozenset((await self._source.session.scalars(stmt)).all())

    async def assign(self, user_id: UUID, role: str) -> None:
        stmt = insert(user_roles).values(user_id=user_id, role=role).on_conflict_do_nothing()
        await self._source.session.execute(stmt)


class PgLoginAttempts:
    def __init__(self, source: SessionSource) -> None:
        self._source = source

    async def record(self, login: str, address: str, at: datetime) -> None:
        stmt = failed_login_attempts.insert().values(
            login=login, ip_address=address, attempted_at=at
        )
        await self._source.session.execute(stmt)

    async def times_for_login(self, login: str, since: datetime) -> list[datetime]:
        where = func.lower(failed_login_attempts.c.login) == func.lower(login)
        return await self._times(where, since)

    async def clear_login(self, login: str) -> None:
        where = func.lower(failed_login_attempts.c.login) == func.lower(login)
        await self._source.session.execute(delete(failed_login_attempts).where(where))

    async def _times(self, where: object, since: datetime) -> list[datetime]:
        at = failed_login_attempts.c.attempted_at
        stmt = select(at).where(where).where(at >= since).order_by(at)  # type: ignore[arg-type]
        return list((await self._source.session.scalars(stmt)).all())


def _session_of(row: object) -> Session:
    return Session(**{name: row[name] for name in _SESSION_COLUMNS})  # type: ignore[index]
