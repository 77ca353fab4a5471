"""The `LanguagePreferences` port on PostgreSQL: each user's saved `metadata_language`, kept in
the shared cache (dropped on every instance by `forget`)."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.identity.account_tables import user_preferences
from revenge_domain.ports.cache import Cache

KEY_PREFIX = "catalog:language:"
TTL_S = 300.0


class PgLanguagePreferences:
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], cache: Cache, ttl_s: float = TTL_S
    ) -> None:
        self._sessions, self._cache, self._ttl_s = sessions, cache, ttl_s

    async def metadata_language(self, user_id: UUID) -> str | None:
        async def load() -> str | None:
            stmt = select(user_preferences.c.metadata_language).where(
                user_preferences.c.user_id == user_id
            )
            async with self._sessions() as session:
                return (await session.execute(stmt)).scalar_one_or_none()

        return await self._cache.get_or_load(f"{KEY_PREFIX}{user_id}", load, self._ttl_s)

    async def forget(self, user_id: UUID) -> None:
        await self._cache.delete(f"{KEY_PREFIX}{user_id}")
