"""The `RefreshOutbox` port on PostgreSQL (`public.title_refresh_outbox`): a title's row is
written in the transaction that creates the title, and deleted once its refresh is queued."""

from __future__ import annotations

from collections.abc import Collection
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

REFRESH_DUE = text(
    """
    INSERT INTO public.title_refresh_outbox (entity, item_id) VALUES (:entity, :item_id)
    ON CONFLICT DO NOTHING
    """
)
DUE = text(
    """
    SELECT entity, item_id FROM public.title_refresh_outbox
    WHERE created_at < now() - make_interval(secs => :older_than_s)
    ORDER BY created_at LIMIT :limit
    """
)
DONE = text(
    """
    DELETE FROM public.title_refresh_outbox
    WHERE entity = :entity AND item_id = ANY(CAST(:ids AS uuid[]))
    """
)


class PgRefreshOutbox:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def due(self, older_than_s: float, limit: int) -> tuple[list[UUID], list[UUID]]:
        params = {"older_than_s": older_than_s, "limit": limit}
        async with self._sessions() as session:
            rows = (await session.execute(DUE, params)).all()
        movies = [row.item_id for row in rows if row.entity == "movie"]
        return movies, [row.item_id for row in rows if row.entity == "series"]

    async def done(self, movies: Collection[UUID], series: Collection[UUID]) -> None:
        async with self._sessions.begin() as session:
            for entity, ids in (("movie", movies), ("series", series)):
                if ids:
                    await session.execute(DONE, {"entity": entity, "ids": [str(i) for i in ids]})
