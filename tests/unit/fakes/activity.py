"""The activity log of a fake unit of work: events added in a unit are kept by its commit."""

from __future__ import annotations

from revenge_domain.activity import ActivityEvent


class KeptActivity:
    """The events of committed units, in order (shared by the units of one fake store)."""

    def __init__(self) -> None:
        self.events: list[ActivityEvent] = []

    def actions(self) -> list[str]:
        return [event.action for event in self.events]


class UnitActivity:
    """The `ActivityEntries` port of one unit: events wait for its commit, a rollback drops
    them."""

    def __init__(self, kept: KeptActivity) -> None:
        self.kept = kept
        self.pending: list[ActivityEvent] = []

    async def add(self, event: ActivityEvent) -> None:
        self.pending.append(event)

    def commit(self) -> None:
        self.kept.events.extend(self.pending)
        self.pending.clear()

    def drop(self) -> None:
        self.pending.clear()
