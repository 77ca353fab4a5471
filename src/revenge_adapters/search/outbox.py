"""The `SearchOutbox` port on PostgreSQL (`public.search_outbox`): rows are written by triggers
on the catalogue's tables, in the transaction of the write."""

from __future__ import annotations

from collections.abc import Collection
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_domain.ports.catalog_changes import Entity
from revenge_domain.ports.search_indexing import NotedChange

DUE = text(
    """
    SELECT entity, item_id, noted_at FROM public.search_outbox
    WHERE noted_at < clock_timestamp() - make_interval(secs => :older_than_s)
    ORDER BY noted_at LIMIT :limit
    """
)
# A note whose id was noted again meanwhile has a newer noted_at and stays.
DONE = text(
    """
    DELETE FROM public.search_outbox AS o
    USING unnest(CAST(:entities AS text[]), CAST(:ids AS uuid[]), CAST(:times AS timestamptz[]))
        AS d(entity, item_id, noted_at)
    WHERE o.entity = d.entity AND o.item_id = d.item_id AND o.noted_at = d.noted_at
    """
)


SNAPSHOT = text("SELECT CAST(pg_current_snapshot() AS text)")
# Notes whose transaction had committed when `snapshot` was taken: a read after it saw them.
SEEN = text(
    """
    DELETE FROM public.search_outbox
    WHERE entity = :entity AND item_id = ANY(CAST(:ids AS uuid[]))
      AND pg_visible_in_snapshot(noted_by, CAST(CAST(:snapshot AS text) AS pg_snapshot))
    """
)


class PgSearchOutbox:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def due(self, older_than_s: float, limit: int) -> list[NotedChange]:
        params = {"older_than_s": older_than_s, "limit": limit}
        async with self._sessions() as session:
            rows = (await session.execute(DUE, params)).all()
        return [NotedChange(Entity(row.entity), row.item_id, row.noted_at) for row in rows]

    async def done(self, changes: Collection[NotedChange]) -> None:
        if not changes:
            return
        params = {
            "entities": [change.entity.value for change in changes],
            "ids": [str(change.item_id) for change in changes],
            "times": [change.noted_at for change in changes],
        }
        async with self._sessions.begin() as session:
            await session.execute(DONE, params)

    async def snapshot(self) -> str:
        async with self._sessions() as session:
            return str((await session.execute(SNAPSHOT)).scalar_one())

    async def indexed(self, entity: Entity, ids: Collection[UUID], snapshot: str) -> None:
        if not ids:
            return
        params = {"entity": entity.value, "ids": [str(i) for i in ids], "snapshot": snapshot}
        async with self._sessions.begin() as session:
            await session.execute(SEEN, params)
