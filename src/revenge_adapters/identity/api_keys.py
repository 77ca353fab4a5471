"""API keys on PostgreSQL (`shared.api_keys`), and their `last_used_at` written in batches."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime
from uuid import UUID

import attrs
from sqlalchemy import (
    ARRAY,
    Boolean,
    Column,
    DateTime,
    String,
    Table,
    Text,
    Uuid,
    func,
    select,
    text,
)
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.identity.tables import metadata, users
from revenge_adapters.identity.users import SessionSource
from revenge_domain.identity.api_keys import ApiKey

log = logging.getLogger(__name__)

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("user_id", Uuid, nullable=False),
    Column("name", String(255), nullable=False),
    Column("description", Text),
    Column("key_hash", String(64), nullable=False),
    Column("key_prefix", String(16), nullable=False),
    Column("scopes", ARRAY(Text), nullable=False),
    Column("is_active", Boolean, nullable=False),
    Column("expires_at", DateTime(timezone=True)),
    Column("last_used_at", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

_COLUMNS = tuple(field.name for field in attrs.fields(ApiKey))

# One statement for a whole batch: the arrays pair each key id with its latest use.
_RECORD_USES = text(
    """
    UPDATE shared.api_keys AS k
    SET last_used_at = GREATEST(COALESCE(k.last_used_at, u.at), u.at)
    FROM unnest(CAST(:ids AS uuid[]), CAST(:ats AS timestamptz[])) AS u (id, at)
    WHERE k.id = u.id
    """
)


class PgApiKeyRepository:
    def __init__(self, source: SessionSource) -> None:
        self._source = source

    async def add(self, key: ApiKey) -> None:
        row = {name: getattr(key, name) for name in _COLUMNS}
        row["scopes"] = list(key.scopes)
        await self._source.session.execute(api_keys.insert().values(row))

    async def get(self, key_id: UUID) -> ApiKey | None:
        return await self._one(api_keys.c.id == key_id)

    async def find_by_hash(self, key_hash: str) -> ApiKey | None:
        return await self._one(api_keys.c.key_hash == key_hash)

    async def of_user(self, user_id: UUID) -> list[ApiKey]:
        stmt = (
            select(api_keys)
            .where(api_keys.c.user_id == user_id)
            .order_by(api_keys.c.created_at.desc(), api_keys.c.id)
        )
        rows = (await self._source.session.execute(stmt)).mappings().all()
        return [_key_of(row) for row in rows]

    async def count_usable(self, user_id: UUID, now: datetime) -> int:
        session = self._source.session
        await session.execute(select(users.c.id).where(users.c.id == user_id).with_for_update())
        stmt = (
            select(func.count())
            .select_from(api_keys)
            .where(api_keys.c.user_id == user_id)
            .where(api_keys.c.is_active)
            .where(api_keys.c.expires_at.is_(None) | (api_keys.c.expires_at > now))
        )
        return int((await session.execute(stmt)).scalar_one())

    async def deactivate(self, key_id: UUID, at: datetime) -> None:
        stmt = (
            api_keys.update()
            .where(api_keys.c.id == key_id)
            .where(api_keys.c.is_active)
            .values(is_active=False, updated_at=at)
        )
        await self._source.session.execute(stmt)

    async def _one(self, where: object) -> ApiKey | None:
        stmt = select(api_keys).where(where)  # type: ignore[arg-type]
        row = (await self._source.session.execute(stmt)).mappings().first()
        return _key_of(row) if row else None


def _key_of(row: object) -> ApiKey:
    values = {name: row[name] for name in _COLUMNS}  # type: ignore[index]
    values["scopes"] = tuple(values["scopes"])
    return ApiKey(**values)


class PgApiKeyUses:
    """Keeps the latest use of each key in memory and writes them all every `every_s` seconds
    in one UPDATE, so requests never wait on it. A failed write is retried with the next batch."""

    def __init__(
        self, session_factory: async_sessionmaker[AsyncSession], every_s: float = 5.0
    ) -> None:
        self._sessions = session_factory
        self._every_s = every_s
        self._pending: dict[UUID, datetime] = {}
        self._task: asyncio.Task[None] | None = None

    def record(self, key_id: UUID, at: datetime) -> None:
        known = self._pending.get(key_id)
        if known is None or at > known:
            self._pending[key_id] = at

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="api-key-uses")

    async def close(self) -> None:
        """Stop the periodic writes, then write what is left."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        await self.flush()

    async def flush(self) -> None:
        if not self._pending:
            return
        batch, self._pending = self._pending, {}
        try:
            async with self._sessions() as session, session.begin():
                await session.execute(
                    _RECORD_USES, {"ids": list(batch), "ats": list(batch.values())}
                )
        except (SQLAlchemyError, OSError):
            log.warning("could not record API key uses; retrying later", exc_info=True)
            for key_id, at in batch.items():
                self.record(key_id, at)

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self._every_s)
            try:
                await self.flush()
            except Exception:  # the writer must outlive any one bad batch
                log.exception("recording API key uses failed")
