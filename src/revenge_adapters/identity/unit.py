"""One PostgreSQL transaction over every identity repository."""

from __future__ import annotations

from typing import Self

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.activity import PgActivityEntries
from revenge_adapters.identity.api_keys import PgApiKeyRepository
from revenge_adapters.identity.sessions import (
    PgLoginAttempts,
    PgRoleRepository,
    PgSessionRepository,
)
from revenge_adapters.identity.users import PgUserRepository
from revenge_adapters.postgres.uow import SqlUnitOfWork
from revenge_domain.identity.credential_cache import CredentialCache


class PgIdentityUnit(SqlUnitOfWork):
    """`async with PgIdentityUnit(factory) as unit:` then `unit.users`, `unit.sessions`, ...

    Sessions revoked in a committed transaction are dropped from `credentials` right after the
    commit, whichever use case revoked them.
    """

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        credentials: CredentialCache | None = None,
    ) -> None:
        super().__init__(session_factory)
        self.users = PgUserRepository(self)
        self.sessions = PgSessionRepository(self)
        self.roles = PgRoleRepository(self)
        self.attempts = PgLoginAttempts(self)
        self.api_keys = PgApiKeyRepository(self)
        self.activity = PgActivityEntries(self)
        self._credentials = credentials or CredentialCache()

    async def __aenter__(self) -> Self:
        self.sessions.ended.clear()
        return await super().__aenter__()

    async def commit(self) -> None:
        await super().commit()
        ended = list(self.sessions.ended)
        self.sessions.ended.clear()
        await self._credentials.forget_sessions(ended)

    async def rollback(self) -> None:
        self.sessions.ended.clear()
        await super().rollback()
