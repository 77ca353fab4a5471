"""Activity ports: record events, add them to a unit of work, and the stored log."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from revenge_domain.activity.model import (
    ActionCount,
    ActivityEntry,
    ActivityEvent,
    ActivityPage,
    ActivityQuery,
    ActivityStats,
)


class ActivityLog(Protocol):
    """Where use cases report what happened."""

    async def record(self, event: ActivityEvent) -> None:
        """Store the event, or hand it over for storage; never raises."""
        ...


class NoActivityLog:
    """Records nothing (the default of use cases built without a log)."""

    async def record(self, event: ActivityEvent) -> None:
        return None


NO_ACTIVITY = NoActivityLog()


class ActivityEntries(Protocol):
    """The log inside a unit of work: an event added here is stored by the unit's commit,
    with the change it reports, or not at all."""

    async def add(self, event: ActivityEvent) -> None: ...


class ActivityStore(Protocol):
    """The stored log."""

    async def add(self, entry: ActivityEntry) -> None:
        """Store an entry; adding the same id again changes nothing."""
        ...

    async def search(self, query: ActivityQuery) -> ActivityPage:
        """The page of matching entries, newest first, with the count of all matches."""
        ...

    async def stats(self) -> ActivityStats: ...

    async def action_counts(self, since: datetime, limit: int) -> list[ActionCount]:
        """How often each action happened since `since`, most frequent first."""
        ...

    async def delete_older_than(self, moment: datetime) -> int:
        """Delete entries that happened before `moment`; returns how many."""
        ...
