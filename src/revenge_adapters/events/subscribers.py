"""Local fan-out of events to subscribers, each with a bounded queue of its own.

A subscriber that falls behind loses its oldest events (counted in the metrics) and gets a gap
event in their place; publishing never waits for a subscriber.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable, Iterable
from types import TracebackType
from typing import Self

from revenge_adapters.metrics import EVENTS_DROPPED
from revenge_domain.ports.events import Event, gap_event

DEFAULT_QUEUE_SIZE = 1000


class LocalSubscription:
    """Implements the `Subscription` port over an in-process queue."""

    def __init__(
        self,
        categories: Iterable[str],
        capacity: int,
        on_close: Callable[[LocalSubscription], None],
    ) -> None:
        self.categories = frozenset(categories)
        self._capacity = capacity
        self._on_close = on_close
        self._queue: deque[Event] = deque()
        self._ready = asyncio.Event()
        self._closed = False

    def wants(self, event: Event) -> bool:
        return event.is_gap or not self.categories or event.category in self.categories

    def offer(self, event: Event) -> None:
        if self._closed or (event.is_gap and self._queue and self._queue[-1].is_gap):
            return
        if len(self._queue) >= self._capacity:
            self._drop_oldest()
        self._queue.append(event)
        self._ready.set()

    def _drop_oldest(self) -> None:
        if self._queue.popleft().is_gap and self._queue:
            self._queue.popleft()
        self._queue.appendleft(gap_event())
        EVENTS_DROPPED.labels("slow_subscriber").inc()

    def __aiter__(self) -> Self:
        return self

    async def __anext__(self) -> Event:
        while not self._queue:
            if self._closed:
                raise StopAsyncIteration
            self._ready.clear()
            await self._ready.wait()
        return self._queue.popleft()

    async def aclose(self) -> None:
        self.close()

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._queue.clear()
            self._ready.set()
            self._on_close(self)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class Subscribers:
    """The subscriptions of one process; `deliver` hands an event to each one that wants it."""

    def __init__(self, queue_size: int = DEFAULT_QUEUE_SIZE) -> None:
        self._queue_size = queue_size
        self._subscriptions: set[LocalSubscription] = set()

    def add(self, categories: Iterable[str]) -> LocalSubscription:
        subscription = LocalSubscription(categories, self._queue_size, self._subscriptions.discard)
        self._subscriptions.add(subscription)
        return subscription

    def deliver(self, event: Event) -> None:
        for subscription in list(self._subscriptions):
            if subscription.wants(event):
                subscription.offer(event)

    def close_all(self) -> None:
        for subscription in list(self._subscriptions):
            subscription.close()

    def __len__(self) -> int:
        return len(self._subscriptions)
