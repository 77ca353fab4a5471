"""The event bus over Redis pub/sub: one channel per category under the key prefix.

Each process holds one pattern subscription (`<prefix>events:*`) and fans events out locally, so
any number of subscribers cost one Redis connection. The listener reconnects with backoff; every
subscriber gets a gap event when the connection is lost and again when it is back.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Mapping
from typing import Any

from redis.asyncio import Redis
from redis.asyncio.client import PubSub
from redis.exceptions import RedisError

from revenge_adapters.cache.client import glob_escape
from revenge_adapters.cache.outage import ThrottledWarning
from revenge_adapters.events.codec import decode_event, encode_event
from revenge_adapters.events.subscribers import DEFAULT_QUEUE_SIZE, LocalSubscription, Subscribers
from revenge_adapters.metrics import EVENTS_DROPPED
from revenge_domain.ports.events import Event, gap_event

IDLE_PING_S = 5.0
FIRST_BACKOFF_S = 0.05

log = logging.getLogger(__name__)


class RedisEventBus:
    """Implements the `EventBus` port; `start()` it before relying on subscriptions."""

    def __init__(
        self,
        client: Redis,
        key_prefix: str = "revenge:",
        *,
        queue_size: int = DEFAULT_QUEUE_SIZE,
        max_backoff_s: float = 5.0,
        warn_every_s: float = 30.0,
    ) -> None:
        self._client = client
        self._channel_prefix = f"{key_prefix}events:"
        self._subscribers = Subscribers(queue_size)
        self._max_backoff_s = max_backoff_s
        self._backoff_s = FIRST_BACKOFF_S
        self._warn = ThrottledWarning(log, warn_every_s)
        self._tried = asyncio.Event()
        self._connected = False
        self._listener: asyncio.Task[None] | None = None

    @property
    def connected(self) -> bool:
        """True while the subscription to Redis is live."""
        return self._connected

    def channel(self, category: str) -> str:
        return self._channel_prefix + category

    async def start(self, wait_s: float = 2.0) -> None:
        """Start listening; returns once subscribed, or once the first attempt has failed."""
        self._listener = asyncio.create_task(self._listen_forever(), name="event-bus-listener")
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(wait_s):
                await self._tried.wait()

    async def close(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._listener
            self._listener = None
        self._subscribers.close_all()

    async def publish(self, event: Event) -> None:
        try:
            await self._client.publish(self.channel(event.category), encode_event(event))
        except (RedisError, OSError) as exc:
            EVENTS_DROPPED.labels("publish_failed").inc()
            self._warn("event bus: Redis unavailable, event dropped", exc)

    def subscribe(self, *categories: str) -> LocalSubscription:
        return self._subscribers.add(categories)

    async def _listen_forever(self) -> None:
        while True:
            try:
                await self._listen()
            except (RedisError, OSError) as exc:
                self._warn("event bus: lost Redis, reconnecting", exc)
                self._lost_connection()
            except Exception:
                log.exception("event bus: listener failed, restarting it")
                self._lost_connection()
            finally:
                self._connected = False
                self._tried.set()
            await asyncio.sleep(self._backoff_s)
            self._backoff_s = min(self._backoff_s * 2, self._max_backoff_s)

    def _lost_connection(self) -> None:
        if self._connected:  # from here until reconnected, events are missed
            self._subscribers.deliver(gap_event())

    async def _listen(self) -> None:
        pubsub = self._client.pubsub()
        try:
            await pubsub.psubscribe(glob_escape(self._channel_prefix) + "*")
            await self._confirmed(pubsub)
            self._connected, self._backoff_s = True, FIRST_BACKOFF_S
            self._tried.set()
            self._subscribers.deliver(gap_event())
            await self._relay(pubsub)
        finally:
            await pubsub.aclose()

    @staticmethod
    async def _confirmed(pubsub: PubSub) -> None:
        """Wait for Redis to acknowledge the subscription, so no event published after is missed."""
        while True:
            message = await pubsub.get_message(timeout=IDLE_PING_S)
            if message is None:
                raise ConnectionError("no answer to PSUBSCRIBE")
            if message["type"] == "psubscribe":
                return

    async def _relay(self, pubsub: PubSub) -> None:
        awaiting_pong = False
        while True:
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=IDLE_PING_S)
            if message is None:
                # Silence: ping, and give up on a connection that does not answer (half-open TCP).
                if awaiting_pong:
                    raise ConnectionError("Redis stopped answering the event subscription")
                await pubsub.ping()
                awaiting_pong = True
                continue
            awaiting_pong = False
            if message["type"] == "pmessage":
                self._deliver(message)

    def _deliver(self, message: Mapping[str, Any]) -> None:
        try:
            event = decode_event(message["data"])
        except (ValueError, KeyError, TypeError) as exc:
            self._warn("event bus: ignored a malformed event", exc)
            return
        self._subscribers.deliver(event)
