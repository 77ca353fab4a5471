import asyncio
from datetime import UTC, datetime

from revenge_adapters.events.codec import decode_event, encode_event
from revenge_adapters.metrics import REGISTRY
from revenge_domain.ports.events import Event
from tests.unit.fakes.events import InMemoryEventBus


def dropped_slow() -> float:
    value = REGISTRY.get_sample_value("revenge_events_dropped_total", {"reason": "slow_subscriber"})
    return value or 0.0


def event(category: str, n: int = 0) -> Event:
    return Event(category, "changed", {"n": n})


async def next_event(subscription: object) -> Event:
    return await asyncio.wait_for(anext(subscription), 1)  # type: ignore[call-overload]


async def test_a_subscriber_gets_only_its_categories_in_order() -> None:
    bus = InMemoryEventBus()
    movies = bus.subscribe("movie")

    await bus.publish(event("movie", 1))
    await bus.publish(event("tvshow", 2))
    await bus.publish(event("movie", 3))

    assert [(await next_event(movies)).data["n"] for _ in range(2)] == [1, 3]


async def test_subscribing_to_no_category_gets_every_category() -> None:
    bus = InMemoryEventBus()
    everything = bus.subscribe()

    await bus.publish(event("movie"))
    await bus.publish(event("user"))

    assert [(await next_event(everything)).category for _ in range(2)] == ["movie", "user"]


async def test_every_subscriber_gets_its_own_copy() -> None:
    bus = InMemoryEventBus()
    first, second = bus.subscribe("movie"), bus.subscribe("movie", "tvshow")

    sent = event("movie")
    await bus.publish(sent)

    assert await next_event(first) == sent
    assert await next_event(second) == sent


async def test_a_slow_subscriber_loses_its_oldest_events_behind_a_gap() -> None:
    bus = InMemoryEventBus(queue_size=3)
    slow = bus.subscribe("movie")
    before = dropped_slow()

    for n in range(5):
        await bus.publish(event("movie", n))

    received = [await next_event(slow) for _ in range(4)]
    assert received[0].is_gap
    assert [e.data["n"] for e in received[1:]] == [2, 3, 4]
    assert dropped_slow() == before + 2


async def test_a_slow_subscriber_does_not_hold_back_a_fast_one() -> None:
    bus = InMemoryEventBus(queue_size=2)
    bus.subscribe("movie")  # never read
    fast = bus.subscribe("movie")

    for n in range(10):
        await bus.publish(event("movie", n))
        assert (await next_event(fast)).data["n"] == n


async def test_lost_events_show_as_a_gap_to_every_subscriber() -> None:
    bus = InMemoryEventBus()
    movies, users = bus.subscribe("movie"), bus.subscribe("user")

    bus.lose_events()

    assert (await next_event(movies)).is_gap
    assert (await next_event(users)).is_gap


async def test_closing_a_subscription_ends_its_iteration_and_unsubscribes() -> None:
    bus = InMemoryEventBus()
    received: list[Event] = []

    async def consume() -> None:
        async with bus.subscribe("movie") as events:
            async for item in events:
                received.append(item)
                await events.aclose()

    consumer = asyncio.create_task(consume())
    await asyncio.sleep(0)
    await bus.publish(event("movie"))
    await asyncio.wait_for(consumer, 1)

    assert len(received) == 1
    assert bus.subscriber_count == 0


async def test_closing_the_bus_ends_every_subscription() -> None:
    bus = InMemoryEventBus()
    subscription = bus.subscribe()
    waiting = asyncio.create_task(anext(subscription, None))
    await asyncio.sleep(0)

    bus.close()

    assert await asyncio.wait_for(waiting, 1) is None


def test_an_event_survives_a_json_round_trip() -> None:
    sent = Event(
        "movie",
        "updated",
        {"id": "m1", "fields": ["title"], "score": 7.5, "nested": {"ok": True}},
        timestamp=datetime(2026, 1, 2, 3, 4, 5, 678000, tzinfo=UTC),
    )

    assert decode_event(encode_event(sent)) == sent
