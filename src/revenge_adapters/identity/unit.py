"""One PostgreSQL transaction over every identity repository."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.identity.sessions import (
    PgLoginAttempts,
    PgRoleRepository,
    PgSessionRepository,
)
from revenge_adapters.identity.users import PgUserRepository
from revenge_adapters.postgres.uow import SqlUnitOfWork


class PgIdentityUnit(SqlUnitOfWork):
    """`async with PgIdentityUnit(factory) as unit:` then `unit.users`, `unit.sessions`, ..."""

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        super().__init__(session_factory)
        self.users = PgUserRepository(self)
        self.sessions = PgSessionRepository(self)
        self.roles = PgRoleRepository(self)
        self.attempts = PgLoginAttempts(self)
