"""The MFA repositories on PostgreSQL (tables in `public`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol
from uuid import UUID

import attrs
from sqlalchemy import Table, delete, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from revenge_adapters.mfa.tables import mfa_backup_codes, user_mfa_settings, user_totp_secrets
from revenge_domain.mfa import BackupCode, MfaSettings, TotpEnrolment


class SessionSource(Protocol):
    """Gives the open session of the current transaction (the SQL unit of work does)."""

    @property
    def session(self) -> AsyncSession: ...


def _columns(entity: type) -> tuple[str, ...]:
    return tuple(field.name for field in attrs.fields(entity))


async def _upsert(session: AsyncSession, table: Table, row: dict[str, Any]) -> None:
    stmt = insert(table).values(row)
    changed = {name: stmt.excluded[name] for name in row if name not in ("user_id", "created_at")}
    await session.execute(stmt.on_conflict_do_update(index_elements=["user_id"], set_=changed))


class PgTotpSecrets:
    """`public.user_totp_secrets`, through the session of the unit of work it was built with."""

    _fields = _columns(TotpEnrolment)

    def __init__(self, source: SessionSource) -> None:
        self._source = source

    async def get(self, user_id: UUID) -> TotpEnrolment | None:
        stmt = select(user_totp_secrets).where(user_totp_secrets.c.user_id == user_id)
        row = (await self._source.session.execute(stmt)).mappings().first()
        return TotpEnrolment(**{name: row[name] for name in self._fields}) if row else None

    async def put(self, enrolment: TotpEnrolment) -> None:
        row = {name: getattr(enrolment, name) for name in self._fields}
        await _upsert(self._source.session, user_totp_secrets, row)

    async def claim_step(self, user_id: UUID, step: int, at: datetime) -> bool:
        table = user_totp_secrets
        # One conditional UPDATE: the row lock makes a concurrent claim of the same step wait,
        # then re-check the condition and match nothing.
        stmt = (
            update(table)
            .where(table.c.user_id == user_id)
            .where(or_(table.c.last_used_step.is_(None), table.c.last_used_step < step))
            .values(last_used_step=step, last_used_at=at)
            .returning(table.c.user_id)
        )
        return (await self._source.session.execute(stmt)).first() is not None

    async def delete(self, user_id: UUID) -> bool:
        stmt = (
            delete(user_totp_secrets)
            .where(user_totp_secrets.c.user_id == user_id)
            .returning(user_totp_secrets.c.user_id)
        )
        return (await self._source.session.execute(stmt)).first() is not None


class PgBackupCodes:
    """`public.mfa_backup_codes`; used codes stay stored with when and from where."""

    def __init__(self, source: SessionSource) -> None:
        self._source = source

    async def replace(self, user_id: UUID, codes: Sequence[BackupCode]) -> None:
        session = self._source.session
        await session.execute(delete(mfa_backup_codes).where(mfa_backup_codes.c.user_id == user_id))
        if codes:
            rows = [attrs.asdict(code) for code in codes]
            await session.execute(mfa_backup_codes.insert(), rows)

    async def unused(self, user_id: UUID) -> list[BackupCode]:
        table = mfa_backup_codes
        stmt = (
            select(table.c.id, table.c.user_id, table.c.code_hash, table.c.created_at)
            .where(table.c.user_id == user_id, table.c.used_at.is_(None))
            .order_by(table.c.created_at, table.c.id)
        )
        rows = (await self._source.session.execute(stmt)).mappings()
        return [BackupCode(**row) for row in rows]

    async def claim(self, code_id: UUID, at: datetime, from_ip: str | None) -> bool:
        table = mfa_backup_codes
        stmt = (
            update(table)
            .where(table.c.id == code_id, table.c.used_at.is_(None))
            .values(used_at=at, used_from_ip=from_ip)
            .returning(table.c.id)
        )
        return (await self._source.session.execute(stmt)).first() is not None


class PgMfaSettings:
    """`public.user_mfa_settings`."""

    _fields = _columns(MfaSettings)

    def __init__(self, source: SessionSource) -> None:
        self._source = source

    async def get(self, user_id: UUID) -> MfaSettings | None:
        stmt = select(user_mfa_settings).where(user_mfa_settings.c.user_id == user_id)
        row = (await self._source.session.execute(stmt)).mappings().first()
        return MfaSettings(**{name: row[name] for name in self._fields}) if row else None

    async def put(self, settings: MfaSettings) -> None:
        row = {name: getattr(settings, name) for name in self._fields}
        await _upsert(self._source.session, user_mfa_settings, row)
