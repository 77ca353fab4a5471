"""An in-memory activity log store and a log that keeps what it was given."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from revenge_domain.activity import (
    ActionCount,
    ActivityEntry,
    ActivityEvent,
    ActivityPage,
    ActivityQuery,
    ActivityStats,
)


class FakeActivityStore:
    def __init__(self) -> None:
        self.entries: dict[object, ActivityEntry] = {}

    async def add(self, entry: ActivityEntry) -> None:
        self.entries.setdefault(entry.id, entry)

    async def search(self, query: ActivityQuery) -> ActivityPage:
        found = [entry for entry in self._newest_first() if _matches(entry.event, query)]
        page = found[query.offset : query.offset + query.limit]
        return ActivityPage(page, len(found), query.limit, query.offset)

    async def stats(self) -> ActivityStats:
        events = [entry.event for entry in self.entries.values()]
        succeeded = sum(event.success for event in events)
        times = [event.occurred_at for event in events]
        oldest, newest = (min(times), max(times)) if times else (None, None)
        return ActivityStats(len(events), succeeded, len(events) - succeeded, oldest, newest)

    async def action_counts(self, since: datetime, limit: int) -> list[ActionCount]:
        counts = Counter(
            entry.event.action
            for entry in self.entries.values()
            if entry.event.occurred_at >= since
        )
        ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        return [ActionCount(action, count) for action, count in ordered[:limit]]

    async def delete_older_than(self, moment: datetime) -> int:
        old = [key for key, entry in self.entries.items() if entry.event.occurred_at < moment]
        for key in old:
            del self.entries[key]
        return len(old)

    def actions(self) -> list[str]:
        return [entry.event.action for entry in self._newest_first()]

    def _newest_first(self) -> list[ActivityEntry]:
        return sorted(self.entries.values(), key=lambda e: e.event.occurred_at, reverse=True)


def _matches(event: ActivityEvent, query: ActivityQuery) -> bool:
    wanted = {
        "user_id": query.user_id,
        "action": query.action,
        "resource_type": query.resource_type,
        "resource_id": query.resource_id,
        "success": query.success,
    }
    if any(value is not None and getattr(event, name) != value for name, value in wanted.items()):
        return False
    if query.start_time is not None and event.occurred_at < query.start_time:
        return False
    return query.end_time is None or event.occurred_at <= query.end_time


class RecordedActivity:
    """The `ActivityLog` port keeping every event in order."""

    def __init__(self) -> None:
        self.events: list[ActivityEvent] = []

    async def record(self, event: ActivityEvent) -> None:
        self.events.append(event)
