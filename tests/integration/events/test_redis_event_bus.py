import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime

import pytest
from redis.asyncio import Redis

from revenge_adapters.cache import redis_client
from revenge_adapters.events import RedisEventBus
from revenge_adapters.metrics import REGISTRY
from revenge_domain.ports.events import Event, Subscription
from tests.integration.cache.proxy import RedisProxy

OpenBus = Callable[..., Awaitable[RedisEventBus]]


@pytest.fixture
async def open_bus(redis_url: str, key_prefix: str) -> AsyncIterator[OpenBus]:
    """`await open_bus(url=...)`: a started bus of its own (as another server would have)."""
    opened: list[tuple[RedisEventBus, Redis]] = []

    async def open_one(url: str = redis_url) -> RedisEventBus:
        client = redis_client(url)
        bus = RedisEventBus(client, key_prefix, max_backoff_s=0.2)
        await bus.start()
        opened.append((bus, client))
        return bus

    yield open_one
    for bus, client in reversed(opened):
        await bus.close()
        await client.aclose()


async def next_event(subscription: Subscription) -> Event:
    return await asyncio.wait_for(anext(subscription), 2)


async def next_real_event(subscription: Subscription) -> Event:
    while (event := await next_event(subscription)).is_gap:
        pass
    return event


async def test_subscribers_get_the_events_of_their_categories(open_bus: OpenBus) -> None:
    publisher, listener = await open_bus(), await open_bus()
    movies = listener.subscribe("movie")

    await publisher.publish(Event("tvshow", "added", {"id": "t1"}))
    await publisher.publish(Event("movie", "added", {"id": "m1"}))

    received = await next_event(movies)
    assert (received.category, received.data) == ("movie", {"id": "m1"})


async def test_a_subscription_to_no_category_gets_all_of_them(open_bus: OpenBus) -> None:
    bus = await open_bus()
    everything = bus.subscribe()

    await bus.publish(Event("movie", "added"))
    await bus.publish(Event("user", "created"))

    assert [(await next_event(everything)).category for _ in range(2)] == ["movie", "user"]


async def test_two_subscribers_each_get_every_event(open_bus: OpenBus) -> None:
    publisher, first_server, second_server = await open_bus(), await open_bus(), await open_bus()
    first, second = first_server.subscribe("movie"), second_server.subscribe("movie")
    third = second_server.subscribe("movie")

    sent = Event("movie", "updated", {"id": "m1"})
    await publisher.publish(sent)

    assert [await next_event(s) for s in (first, second, third)] == [sent, sent, sent]


async def test_an_event_crosses_redis_unchanged(open_bus: OpenBus) -> None:
    bus = await open_bus()
    subscription = bus.subscribe("movie")
    sent = Event(
        "movie",
        "updated",
        {"id": "m1", "fields": ["title", "year"], "score": 7.5, "extra": None, "title": "Amélie"},
        timestamp=datetime(2026, 1, 2, 3, 4, 5, 678000, tzinfo=UTC),
    )

    await bus.publish(sent)

    assert await next_event(subscription) == sent


async def test_events_go_to_a_channel_per_category_under_the_prefix(
    open_bus: OpenBus, redis_url: str, key_prefix: str
) -> None:
    bus = await open_bus()
    client = Redis.from_url(redis_url)
    pubsub = client.pubsub()
    try:
        await pubsub.subscribe(f"{key_prefix}events:movie")
        await pubsub.get_message(timeout=1)  # the subscription's acknowledgement
        await bus.publish(Event("movie", "added", {"id": "m1"}))
        message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=2)
        assert message is not None
        assert b'"id":"m1"' in message["data"]
    finally:
        await pubsub.aclose()  # type: ignore[no-untyped-call]
        await client.aclose()


async def test_publishing_with_redis_down_drops_the_event_without_failing(
    open_bus: OpenBus,
) -> None:
    bus = await open_bus("redis://127.0.0.1:1/0")
    dropped = REGISTRY.get_sample_value(
        "revenge_events_dropped_total", {"reason": "publish_failed"}
    )

    await bus.publish(Event("movie", "added"))

    after = REGISTRY.get_sample_value("revenge_events_dropped_total", {"reason": "publish_failed"})
    assert (after or 0) == (dropped or 0) + 1
    assert not bus.connected


async def test_the_bus_reconnects_and_reports_the_gap(open_bus: OpenBus, redis_url: str) -> None:
    proxy = RedisProxy(redis_url)
    await proxy.start()
    try:
        listener, publisher = await open_bus(proxy.url), await open_bus()
        movies = listener.subscribe("movie")

        await proxy.cut()
        assert (await next_event(movies)).is_gap
        await proxy.start()
        assert (await next_event(movies)).is_gap  # connected again

        sent = Event("movie", "added", {"id": "m1"})
        await publisher.publish(sent)
        assert await next_real_event(movies) == sent
    finally:
        await proxy.cut()


async def test_closing_the_bus_ends_its_subscriptions(open_bus: OpenBus) -> None:
    bus = await open_bus()
    subscription = bus.subscribe("movie")
    waiting = asyncio.create_task(anext(subscription, None))
    await asyncio.sleep(0)

    await bus.close()

    assert await asyncio.wait_for(waiting, 1) is None
