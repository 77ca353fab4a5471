"""The `RefreshLog` port on `shared.metadata_refreshes`: one row per job kind and item."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_domain.metadata.refresh.model import LastRefresh, Outcome

_LAST = """
    SELECT outcome, refreshed_at FROM shared.metadata_refreshes
    WHERE kind = :kind AND item_id = :item_id
"""
_RECORD = """
    INSERT INTO shared.metadata_refreshes (kind, item_id, outcome, detail, refreshed_at)
    VALUES (:kind, :item_id, :outcome, :detail, :at)
    ON CONFLICT (kind, item_id) DO UPDATE SET outcome = EXCLUDED.outcome,
        detail = EXCLUDED.detail, refreshed_at = EXCLUDED.refreshed_at
"""


class PgRefreshLog:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def last(self, kind: str, item_id: UUID) -> LastRefresh | None:
        async with self._sessions() as session:
            result = await session.execute(text(_LAST), {"kind": kind, "item_id": item_id})
            row = result.mappings().first()
        return LastRefresh(Outcome(row["outcome"]), row["refreshed_at"]) if row else None

    async def record(
        self, kind: str, item_id: UUID, outcome: Outcome, at: dt.datetime, detail: str = ""
    ) -> None:
        values = {"kind": kind, "item_id": item_id, "outcome": str(outcome), "detail": detail}
        async with self._sessions.begin() as session:
            await session.execute(text(_RECORD), {**values, "at": at})
