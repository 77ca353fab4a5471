"""Use cases of the activity log: store events, read the log, delete old entries."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from uuid import UUID

import attrs

from revenge_domain.activity.jobs import DEFAULT_RETENTION_DAYS
from revenge_domain.activity.model import (
    ActionCount,
    ActivityEntry,
    ActivityEvent,
    ActivityPage,
    ActivityQuery,
    ActivityStats,
    utc_now,
)
from revenge_domain.activity.ports import ActivityLog, ActivityStore
from revenge_domain.errors import InvalidInput

log = logging.getLogger(__name__)
MAX_ACTION_COUNTS = 50


@attrs.frozen
class StoreActivity:
    """Write one event to the log (run by the activity job)."""

    store: ActivityStore
    new_id: Callable[[], UUID] = uuid.uuid4

    async def __call__(self, event: ActivityEvent) -> None:
        await self.store.add(ActivityEntry(self.new_id(), event))


@attrs.frozen
class StoredActivityLog:
    """The `ActivityLog` that writes each event to the store at once, so that the entry
    survives a queue outage and a process that ends right after the change. Only when the
    store fails is the event handed to `fallback` (the job queue, whose job retries)."""

    store: ActivityStore
    fallback: ActivityLog
    new_id: Callable[[], UUID] = uuid.uuid4

    async def record(self, event: ActivityEvent) -> None:
        try:
            await self.store.add(ActivityEntry(self.new_id(), event))
        except Exception:
            log.warning(
                "activity event could not be stored; handing it to the job queue",
                extra={"fields": {"action": event.action}},
                exc_info=True,
            )
            await self.fallback.record(event)


@attrs.frozen
class PurgeActivity:
    """Delete entries older than the retention; a retention of 0 or less means the default."""

    store: ActivityStore
    clock: Callable[[], datetime] = utc_now

    async def __call__(self, retention_days: int) -> int:
        days = retention_days if retention_days > 0 else DEFAULT_RETENTION_DAYS
        return await self.store.delete_older_than(self.clock() - timedelta(days=days))


@attrs.frozen
class ActivityQueries:
    """What administrators read from the log."""

    store: ActivityStore
    clock: Callable[[], datetime] = utc_now
    recent: timedelta = timedelta(days=1)

    async def search(self, query: ActivityQuery) -> ActivityPage:
        return await self.store.search(query)

    async def of_user(self, user_id: UUID, limit: int, offset: int) -> ActivityPage:
        return await self.store.search(ActivityQuery(user_id=user_id, limit=limit, offset=offset))

    async def of_resource(
        self, resource_type: str, resource_id: UUID, limit: int, offset: int
    ) -> ActivityPage:
        query = ActivityQuery(
            resource_type=resource_type, resource_id=resource_id, limit=limit, offset=offset
        )
        return await self.store.search(query)

    async def stats(self) -> ActivityStats:
        return await self.store.stats()

    async def recent_actions(self, limit: int) -> list[ActionCount]:
        """The most frequent actions of the last day."""
        if not 1 <= limit <= MAX_ACTION_COUNTS:
            raise InvalidInput(
                f"limit must be between 1 and {MAX_ACTION_COUNTS}", {"field": "limit"}
            )
        return await self.store.action_counts(self.clock() - self.recent, limit)
