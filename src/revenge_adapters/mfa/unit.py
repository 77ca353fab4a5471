"""One PostgreSQL transaction over the MFA repositories."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.activity import PgActivityEntries
from revenge_adapters.mfa.repositories import PgBackupCodes, PgMfaSettings, PgTotpSecrets
from revenge_adapters.postgres.uow import SqlUnitOfWork


class PgMfaUnit(SqlUnitOfWork):
    """`async with PgMfaUnit(factory) as unit:` then `unit.totp`, `unit.codes`, `unit.settings`."""

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        super().__init__(session_factory)
        self.totp = PgTotpSecrets(self)
        self.codes = PgBackupCodes(self)
        self.settings = PgMfaSettings(self)
        self.activity = PgActivityEntries(self)
