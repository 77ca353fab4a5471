"""Setting values on PostgreSQL (`shared.server_settings`, `shared.user_settings`); a server
setting is written with its activity entry."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Column, DateTime, MetaData, String, Table, Uuid, delete, select
from sqlalchemy.dialects.postgresql import JSONB, insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.activity import add_entry
from revenge_domain.activity import ActivityEvent

metadata = MetaData(schema="shared")

server_settings = Table(
    "server_settings",
    metadata,
    Column("key", String(255), primary_key=True),
    Column("value", JSONB, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("updated_by", Uuid),
)

user_settings = Table(
    "user_settings",
    metadata,
    Column("user_id", Uuid, primary_key=True),
    Column("key", String(255), primary_key=True),
    Column("value", JSONB, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)


class PgSettingsStore:
    """The `SettingsStore` port; each call is its own short transaction."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def server_values(self) -> dict[str, Any]:
        async with self._sessions() as session:
            rows = await session.execute(select(server_settings.c.key, server_settings.c.value))
            return {row.key: row.value for row in rows}

    async def save_server_value(
        self, key: str, value: Any, updated_by: UUID, event: ActivityEvent
    ) -> None:
        now = datetime.now(UTC)
        stmt = insert(server_settings).values(
            key=key, value=value, updated_at=now, updated_by=updated_by
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=[server_settings.c.key],
            set_={"value": stmt.excluded.value, "updated_at": now, "updated_by": updated_by},
        )
        async with self._sessions.begin() as session:
            await session.execute(stmt)
            await add_entry(session, event)

    async def user_values(self, user_id: UUID) -> dict[str, Any]:
        stmt = select(user_settings.c.key, user_settings.c.value).where(
            user_settings.c.user_id == user_id
        )
        async with self._sessions() as session:
            return {row.key: row.value for row in await session.execute(stmt)}

    async def save_user_value(self, user_id: UUID, key: str, value: Any) -> None:
        now = datetime.now(UTC)
        stmt = insert(user_settings).values(user_id=user_id, key=key, value=value, updated_at=now)
        stmt = stmt.on_conflict_do_update(
            index_elements=[user_settings.c.user_id, user_settings.c.key],
            set_={"value": stmt.excluded.value, "updated_at": now},
        )
        async with self._sessions.begin() as session:
            await session.execute(stmt)

    async def delete_user_value(self, user_id: UUID, key: str) -> bool:
        stmt = delete(user_settings).where(
            user_settings.c.user_id == user_id, user_settings.c.key == key
        )
        async with self._sessions.begin() as session:
            result = await session.execute(stmt)
        return bool(result.rowcount)  # type: ignore[attr-defined]
