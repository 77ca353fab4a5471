"""The activity log on PostgreSQL (`public.activity_log`): events written in the transaction
of the change they report, or as they happen (through the job queue when that write fails),
and the stored log."""

from __future__ import annotations

import ipaddress
import logging
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar
from uuid import UUID

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    MetaData,
    String,
    Table,
    Text,
    Uuid,
    column,
    delete,
    desc,
    func,
    select,
    table,
)
from sqlalchemy.dialects.postgresql import INET, JSONB, insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.sql import Executable

from revenge_adapters.postgres.uow import SqlUnitOfWork
from revenge_domain.activity import (
    ActionCount,
    ActivityEntry,
    ActivityEvent,
    ActivityPage,
    ActivityQuery,
    ActivityStats,
    StoredActivityLog,
    job_for,
)
from revenge_domain.ports.jobs import JobQueue

log = logging.getLogger(__name__)
T = TypeVar("T")

activity_log = Table(
    "activity_log",
    MetaData(schema="public"),
    Column("id", Uuid, primary_key=True),
    Column("user_id", Uuid),
    Column("username", String(255)),
    Column("action", String(100), nullable=False),
    Column("resource_type", String(50)),
    Column("resource_id", Uuid),
    Column("changes", JSONB),
    Column("metadata", JSONB),
    Column("ip_address", INET),
    Column("user_agent", Text),
    Column("success", Boolean, nullable=False),
    Column("error_message", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
# The accounts an entry may name (declared here: the identity adapters import this module).
users = table("users", column("id", Uuid), schema="shared")


def stored_activity_log(
    sessions: async_sessionmaker[AsyncSession], queue: JobQueue
) -> StoredActivityLog:
    """The `ActivityLog` of the server: rows written at once, jobs when the write fails."""
    return StoredActivityLog(PgActivityStore(sessions), JobActivityLog(queue))


class JobActivityLog:
    """The `ActivityLog` port through jobs: each event becomes a job that stores it. When the
    queue is down the event is logged and dropped: auditing must not break sign-in."""

    def __init__(self, queue: JobQueue) -> None:
        self._queue = queue

    async def record(self, event: ActivityEvent) -> None:
        try:
            await self._queue.enqueue(job_for(event))
        except Exception:
            log.warning(
                "activity event could not be queued",
                extra={"fields": {"action": event.action, "user_id": str(event.user_id)}},
                exc_info=True,
            )


def storable(value: T) -> T:
    """`value` with every NUL character (in text, keys and nested values) replaced by U+FFFD:
    PostgreSQL stores none in text or JSONB, and an audit entry must not be lost for one."""
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")  # type: ignore[return-value]
    if isinstance(value, dict):
        return {storable(k): storable(v) for k, v in value.items()}  # type: ignore[return-value]
    if isinstance(value, list | tuple):
        return [storable(item) for item in value]  # type: ignore[return-value]
    return value


class PgActivityEntries:
    """The `ActivityEntries` port: rows written in the unit of work's own transaction."""

    def __init__(self, unit: SqlUnitOfWork, new_id: Callable[[], UUID] = uuid.uuid4) -> None:
        self._unit = unit
        self._new_id = new_id

    async def add(self, event: ActivityEvent) -> None:
        await add_entry(self._unit.session, event, self._new_id)


async def add_entry(
    session: AsyncSession, event: ActivityEvent, new_id: Callable[[], UUID] = uuid.uuid4
) -> None:
    """Write `event` in the session's transaction: it is kept with the change it reports, or
    not at all."""
    await session.execute(_insert(ActivityEntry(new_id(), event)))


class PgActivityStore:
    """The `ActivityStore` port over `public.activity_log`."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def add(self, entry: ActivityEntry) -> None:
        async with self._sessions.begin() as session:
            await session.execute(_insert(entry))

    async def search(self, query: ActivityQuery) -> ActivityPage:
        conditions = _conditions(query)
        page = (
            select(activity_log)
            .where(*conditions)
            .order_by(desc(activity_log.c.created_at), activity_log.c.id)
            .limit(query.limit)
            .offset(query.offset)
        )
        count = select(func.count()).select_from(activity_log).where(*conditions)
        async with self._sessions() as session:
            total = int(await session.scalar(count) or 0)
            rows = (await session.execute(page)).mappings().all()
        return ActivityPage([_entry(row) for row in rows], total, query.limit, query.offset)

    async def stats(self) -> ActivityStats:
        c = activity_log.c
        stmt = select(
            func.count(),
            func.count().filter(c.success.is_(True)),
            func.min(c.created_at),
            func.max(c.created_at),
        )
        async with self._sessions() as session:
            total, succeeded, oldest, newest = (await session.execute(stmt)).one()
        return ActivityStats(total, succeeded, total - succeeded, oldest, newest)

    async def action_counts(self, since: datetime, limit: int) -> list[ActionCount]:
        count = func.count().label("count")
        stmt = (
            select(activity_log.c.action, count)
            .where(activity_log.c.created_at >= since)
            .group_by(activity_log.c.action)
            .order_by(desc(count), activity_log.c.action)
            .limit(limit)
        )
        async with self._sessions() as session:
            return [ActionCount(action, n) for action, n in await session.execute(stmt)]

    async def delete_older_than(self, moment: datetime) -> int:
        stmt = delete(activity_log).where(activity_log.c.created_at < moment)
        async with self._sessions.begin() as session:
            result = await session.execute(stmt)
        return int(result.rowcount)  # type: ignore[attr-defined]


def _insert(entry: ActivityEntry) -> Executable:
    event = entry.event
    # A user deleted before the job ran: keep the entry, without the dangling reference.
    known_user = select(users.c.id).where(users.c.id == event.user_id).scalar_subquery()
    stmt = insert(activity_log).values(
        id=entry.id,
        user_id=known_user if event.user_id else None,
        username=storable(event.username),
        action=storable(event.action),
        resource_type=storable(event.resource_type),
        resource_id=event.resource_id,
        changes=storable(event.changes) or None,
        metadata=storable(event.metadata) or None,
        ip_address=_address(event.ip_address),
        user_agent=storable(event.user_agent),
        success=event.success,
        error_message=storable(event.error_message),
        created_at=event.occurred_at,
    )
    return stmt.on_conflict_do_nothing(index_elements=["id"])


def _conditions(query: ActivityQuery) -> list[Any]:
    c = activity_log.c
    wanted = [
        (query.user_id, c.user_id),
        (query.action, c.action),
        (query.resource_type, c.resource_type),
        (query.resource_id, c.resource_id),
        (query.success, c.success),
    ]
    conditions: list[Any] = [column == value for value, column in wanted if value is not None]
    if query.start_time is not None:
        conditions.append(c.created_at >= query.start_time)
    if query.end_time is not None:
        conditions.append(c.created_at <= query.end_time)
    return conditions


def _address(text: str | None) -> str | None:
    """The client address if it is an IP address (the column only holds those)."""
    if not text:
        return None
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


def _entry(row: Any) -> ActivityEntry:
    address = row["ip_address"]
    return ActivityEntry(
        row["id"],
        ActivityEvent(
            row["action"],
            occurred_at=row["created_at"],
            success=row["success"],
            user_id=row["user_id"],
            username=row["username"],
            resource_type=row["resource_type"],
            resource_id=row["resource_id"],
            changes=row["changes"] or {},
            metadata=row["metadata"] or {},
            ip_address=str(address) if address is not None else None,
            user_agent=row["user_agent"],
            error_message=row["error_message"],
        ),
    )
