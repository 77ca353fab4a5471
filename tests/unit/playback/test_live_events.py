"""Who sees which live event, category choice, and the SSE frame of an event."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import pytest

from revenge_app.playback.events import frame
from revenge_domain.errors import InvalidInput
from revenge_domain.identity import ADMIN, USER, AuthMethod, Principal
from revenge_domain.identity.access import DEFAULT_GRANTS
from revenge_domain.libraries import Access, LibraryGrant
from revenge_domain.live_events import CATEGORIES, LiveEvents, chosen_categories
from revenge_domain.ports.events import Event, gap_event
from tests.unit.fakes.events import InMemoryEventBus
from tests.unit.fakes.libraries import InMemoryLibraryStore, StoreLibraryAccess


def principal(role: str = USER) -> Principal:
    return Principal(
        uuid.uuid4(), role, frozenset({role}), DEFAULT_GRANTS[role], None, AuthMethod.BEARER
    )


@pytest.fixture
def store() -> InMemoryLibraryStore:
    return InMemoryLibraryStore()


@pytest.fixture
def live(store: InMemoryLibraryStore) -> LiveEvents:
    return LiveEvents(InMemoryEventBus(), StoreLibraryAccess(store))


def test_categories_default_to_all_and_unknown_ones_are_refused() -> None:
    assert chosen_categories([]) == CATEGORIES
    assert chosen_categories(["playback", " library", ""]) == {"playback", "library"}
    with pytest.raises(InvalidInput):
        chosen_categories(["playback", "cache"])


async def test_a_users_events_reach_only_them_and_administrators(live: LiveEvents) -> None:
    alice, bob = principal(), principal()
    event = Event("playback", "playback.started", {"user_id": str(alice.user_id)})
    assert await live.sees(alice, event)
    assert not await live.sees(bob, event)
    assert await live.sees(principal(ADMIN), event)


async def test_library_events_reach_readers_of_the_library(
    live: LiveEvents, store: InMemoryLibraryStore
) -> None:
    reader, stranger, library = principal(), principal(), uuid.uuid4()
    grant = LibraryGrant(uuid.uuid4(), library, reader.user_id, Access.VIEW, datetime.now(UTC))
    store.grant_rows.append(grant)
    event = Event("library", "library.scan_done", {"library_id": str(library)})
    assert await live.sees(reader, event)
    assert not await live.sees(stranger, event)


async def test_internal_traffic_never_reaches_clients_but_gaps_do(live: LiveEvents) -> None:
    alice = principal()
    assert not await live.sees(alice, Event("cache", "invalidate", {"keys": ["a"]}))
    assert await live.sees(alice, Event("system", "system.startup"))
    assert await live.sees(alice, gap_event())


async def test_ending_all_streams_finishes_their_iterations(live: LiveEvents) -> None:
    async with live.follow(frozenset({"system"})) as events:
        await live.end_all()
        assert [event async for event in events] == []
    assert isinstance(live.bus, InMemoryEventBus)
    assert live.bus.subscriber_count == 0


async def test_a_client_follows_only_the_categories_it_chose(live: LiveEvents) -> None:
    bus = live.bus
    async with live.follow(frozenset({"library"})) as events:
        await bus.publish(Event("playback", "playback.started"))
        await bus.publish(Event("library", "library.scan_started"))
        assert (await anext(events)).type == "library.scan_started"


def test_an_event_is_one_frame_of_id_event_and_data_lines() -> None:
    event = Event("playback", "playback.started", {"session_id": "s"})
    lines = frame(event).decode().split("\n")
    assert lines[:2] == [f"id: {event.id}", "event: playback.started"]
    assert lines[3:] == ["", ""]
    data = json.loads(lines[2].removeprefix("data: "))
    assert data == {
        "id": event.id,
        "type": "playback.started",
        "category": "playback",
        "timestamp": event.timestamp.isoformat(),
        "data": {"session_id": "s"},
    }
