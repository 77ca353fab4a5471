"""The `LibraryAccess` port on PostgreSQL, each user's answer kept in the shared cache."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.libraries.tables import library_permissions
from revenge_domain.identity.access import Principal
from revenge_domain.libraries.model import Access
from revenge_domain.libraries.ports import ALL, Readable, manages_libraries
from revenge_domain.ports.cache import Cache

KEY_PREFIX = "libraries:readable:"
TTL_S = 300.0


class PgLibraryAccess:
    """Which libraries a caller may read: ALL for those who manage libraries, else the ones
    they hold `view` on, read from `public.library_permissions` through `cache` (dropped on
    every instance by `forget`/`forget_everyone`)."""

    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], cache: Cache, ttl_s: float = TTL_S
    ) -> None:
        self._sessions, self._cache, self._ttl_s = sessions, cache, ttl_s

    async def readable_library_ids(self, principal: Principal) -> Readable:
        if manages_libraries(principal):
            return ALL
        user_id = principal.user_id

        async def load() -> list[str]:
            return [str(library_id) for library_id in await self._viewable_by(user_id)]

        ids = await self._cache.get_or_load(f"{KEY_PREFIX}{user_id}", load, self._ttl_s)
        return frozenset(UUID(library_id) for library_id in ids)

    async def forget(self, user_id: UUID) -> None:
        await self._cache.delete(f"{KEY_PREFIX}{user_id}")

    async def forget_everyone(self) -> None:
        await self._cache.invalidate_prefix(KEY_PREFIX)

    async def _viewable_by(self, user_id: UUID) -> list[UUID]:
        held = library_permissions.c
        stmt = select(held.library_id).where(
            held.user_id == user_id, held.permission == Access.VIEW.value
        )
        async with self._sessions() as session:
            return list((await session.execute(stmt)).scalars())
