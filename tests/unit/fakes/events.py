"""An in-memory event bus: the `EventBus` port within one process, same fan-out as production."""

from __future__ import annotations

from revenge_adapters.events.subscribers import DEFAULT_QUEUE_SIZE, LocalSubscription, Subscribers
from revenge_domain.ports.events import Event, gap_event


class InMemoryEventBus:
    def __init__(self, queue_size: int = DEFAULT_QUEUE_SIZE) -> None:
        self._subscribers = Subscribers(queue_size)
        self.published: list[Event] = []

    async def publish(self, event: Event) -> None:
        self.published.append(event)
        self._subscribers.deliver(event)

    def subscribe(self, *categories: str) -> LocalSubscription:
        return self._subscribers.add(categories)

    def lose_events(self) -> None:
        """Act as a bus that just reconnected: every subscriber gets a gap."""
        self._subscribers.deliver(gap_event())

    def close(self) -> None:
        self._subscribers.close_all()

    @property
    def subscriber_count(self) -> int:
        return len(self._subscribers)
