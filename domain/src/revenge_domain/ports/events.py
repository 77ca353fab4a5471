"""The event port: publish events by category, subscribe to categories.

Delivery is live and best-effort: a subscriber sees events published after it subscribed, while
the bus is connected. When events may have been lost (the bus reconnected, or the subscriber fell
so far behind that its oldest events were dropped), the subscriber receives a gap event
(`event.is_gap`) at that point, so it can resynchronise (e.g. drop a whole local cache).
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Mapping
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Protocol, Self

import attrs

BUS_CATEGORY = "bus"
GAP_TYPE = "gap"


def _new_id() -> str:
    return str(uuid.uuid4())


def _now() -> datetime:
    return datetime.now(UTC)


@attrs.frozen
class Event:
    """Something that happened. `data` is JSON-shaped; `category` routes it to subscribers."""

    category: str
    type: str
    data: Mapping[str, Any] = attrs.field(factory=dict)
    id: str = attrs.field(factory=_new_id)
    timestamp: datetime = attrs.field(factory=_now)

    @property
    def is_gap(self) -> bool:
        return self.category == BUS_CATEGORY and self.type == GAP_TYPE


def gap_event() -> Event:
    """The marker telling a subscriber that events before it may have been lost."""
    return Event(BUS_CATEGORY, GAP_TYPE)


class Subscription(Protocol):
    """The events of one subscriber, in publishing order. `async with` closes it at the end."""

    def __aiter__(self) -> AsyncIterator[Event]: ...

    async def __anext__(self) -> Event: ...

    async def aclose(self) -> None:
        """Stop receiving; a pending `__anext__` ends the iteration."""
        ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


class EventBus(Protocol):
    """Publishes events to every subscriber of their category, in every server instance."""

    async def publish(self, event: Event) -> None:
        """Send `event`; best-effort (never raises because the bus is down)."""
        ...

    def subscribe(self, *categories: str) -> Subscription:
        """Events of the given categories (all when none given) published from now on.

        Gap events are delivered to every subscription whatever its categories.
        """
        ...
