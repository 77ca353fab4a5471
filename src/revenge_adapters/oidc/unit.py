"""One PostgreSQL transaction over OIDC providers, links, and the accounts they sign in."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.activity import PgActivityEntries
from revenge_adapters.identity.sessions import PgRoleRepository
from revenge_adapters.identity.users import PgUserRepository
from revenge_adapters.oidc.stores import PgLinkStore, PgProviderStore
from revenge_adapters.postgres.uow import SqlUnitOfWork


class PgOidcUnit(SqlUnitOfWork):
    """`async with PgOidcUnit(factory) as unit:` then `unit.providers`, `unit.links`, ..."""

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        super().__init__(session_factory)
        self.providers = PgProviderStore(self)
        self.links = PgLinkStore(self)
        self.users = PgUserRepository(self)
        self.roles = PgRoleRepository(self)
        self.activity = PgActivityEntries(self)
