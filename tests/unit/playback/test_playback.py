"""Playback sessions: start, ownership, heartbeats, stop, expiry and their events."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import attrs
import pytest

from revenge_domain.errors import InvalidInput, NotFound
from revenge_domain.identity import ADMIN, GUEST, USER, AuthMethod, Principal
from revenge_domain.identity.access import DEFAULT_GRANTS
from revenge_domain.playback import (
    STARTED,
    STOPPED,
    MediaType,
    PlayableFile,
    Playback,
    StartRequest,
)
from revenge_domain.streaming import ClientProfile
from tests.unit.fakes.events import InMemoryEventBus
from tests.unit.playback.fakes import GivenFiles, InMemoryPlaybackSessions, RecordedProgress

T0 = datetime(2026, 1, 1, 20, 0, tzinfo=UTC)
TIMEOUT = timedelta(minutes=30)


def principal(role: str = USER) -> Principal:
    return Principal(
        uuid.uuid4(), role, frozenset({role}), DEFAULT_GRANTS[role], None, AuthMethod.BEARER
    )


@attrs.define
class Clock:
    now: datetime = T0

    def __call__(self) -> datetime:
        return self.now


@attrs.define
class World:
    playback: Playback
    sessions: InMemoryPlaybackSessions
    files: GivenFiles
    progress: RecordedProgress
    bus: InMemoryEventBus
    clock: Clock
    movie: uuid.UUID


SMALL = PlayableFile(uuid.uuid4(), size=10, duration_s=6000, resolution="720p")
BIG = PlayableFile(uuid.uuid4(), size=20, duration_s=6000, resolution="1080p")


@pytest.fixture
def world() -> World:
    sessions, files, progress = InMemoryPlaybackSessions(), GivenFiles(), RecordedProgress()
    bus, clock, movie = InMemoryEventBus(), Clock(), uuid.uuid4()
    files.titles[movie] = [SMALL, BIG]
    playback = Playback(sessions, files, progress, bus, TIMEOUT, clock)
    return World(playback, sessions, files, progress, bus, clock, movie)


async def test_a_session_plays_the_best_file_unless_one_is_asked_for(world: World) -> None:
    alice = principal()
    best = await world.playback.start(alice, StartRequest(MediaType.MOVIE, world.movie))
    chosen = await world.playback.start(
        alice, StartRequest(MediaType.MOVIE, world.movie, file_id=SMALL.id)
    )
    assert best.file == BIG
    assert chosen.file == SMALL
    assert best.expires_at == T0 + TIMEOUT
    assert best.view().master_playlist_url.endswith(f"/{best.id}/master.m3u8")
    assert [e.type for e in world.bus.published] == [STARTED, STARTED]
    assert world.bus.published[0].data["user_id"] == str(alice.user_id)


async def test_an_unknown_file_or_an_unreadable_title_is_refused(world: World) -> None:
    alice = principal()
    with pytest.raises(InvalidInput):
        await world.playback.start(
            alice, StartRequest(MediaType.MOVIE, world.movie, file_id=uuid.uuid4())
        )
    world.files.readers[world.movie] = {uuid.uuid4()}
    with pytest.raises(NotFound):
        await world.playback.start(alice, StartRequest(MediaType.MOVIE, world.movie))
    assert world.sessions.sessions == {}


async def test_only_the_owner_and_administrators_see_a_session(world: World) -> None:
    alice, bob, admin = principal(), principal(), principal(ADMIN)
    session = await world.playback.start(alice, StartRequest(MediaType.MOVIE, world.movie))
    assert (await world.playback.get(admin, session.id)).id == session.id
    for action in (
        world.playback.get(bob, session.id),
        world.playback.heartbeat(bob, session.id, 10),
        world.playback.stop(bob, session.id),
    ):
        with pytest.raises(NotFound):
            await action
    assert session.id in world.sessions.sessions


async def test_heartbeats_extend_the_session_and_record_progress(world: World) -> None:
    alice = principal()
    session = await world.playback.start(alice, StartRequest(MediaType.MOVIE, world.movie))
    world.clock.now = T0 + timedelta(minutes=20)
    await world.playback.heartbeat(alice, session.id, 1200)
    await world.playback.heartbeat(alice, session.id, None)
    await world.playback.heartbeat(alice, session.id, 99_999)
    stored = world.sessions.sessions[session.id]
    assert stored.expires_at == world.clock.now + TIMEOUT
    assert stored.position_s == 6000  # kept within the file
    assert world.progress.saved == [
        (alice.user_id, MediaType.MOVIE, world.movie, 1200),
        (alice.user_id, MediaType.MOVIE, world.movie, 6000),
    ]


async def test_an_administrator_keeping_a_session_alive_records_no_progress(world: World) -> None:
    alice, admin = principal(), principal(ADMIN)
    session = await world.playback.start(alice, StartRequest(MediaType.MOVIE, world.movie))
    await world.playback.heartbeat(admin, session.id, 300)
    assert world.progress.saved == []


async def test_stop_records_the_last_position_and_announces_it(world: World) -> None:
    alice = principal(GUEST)
    session = await world.playback.start(
        alice, StartRequest(MediaType.MOVIE, world.movie, start_position_s=42)
    )
    await world.playback.stop(alice, session.id)
    assert world.sessions.sessions == {}
    assert world.progress.saved == [(alice.user_id, MediaType.MOVIE, world.movie, 42)]
    stopped = world.bus.published[-1]
    assert (stopped.type, stopped.data["reason"]) == (STOPPED, "stopped")
    with pytest.raises(NotFound):
        await world.playback.stop(alice, session.id)


async def test_sessions_without_heartbeats_expire_and_are_cleaned_up(world: World) -> None:
    alice = principal()
    old = await world.playback.start(alice, StartRequest(MediaType.MOVIE, world.movie))
    world.clock.now = T0 + timedelta(minutes=20)
    fresh = await world.playback.start(alice, StartRequest(MediaType.MOVIE, world.movie))
    world.clock.now = T0 + TIMEOUT
    with pytest.raises(NotFound):
        await world.playback.get(alice, old.id)
    assert await world.playback.clean_up() == 1
    assert set(world.sessions.sessions) == {fresh.id}
    expired = world.bus.published[-1]
    assert (expired.type, expired.data["reason"]) == (STOPPED, "expired")
    assert expired.data["session_id"] == str(old.id)


async def test_a_negative_start_position_is_refused(world: World) -> None:
    with pytest.raises(InvalidInput):
        await world.playback.start(
            principal(), StartRequest(MediaType.MOVIE, world.movie, start_position_s=-1)
        )


async def test_a_session_keeps_its_client_profile_and_an_error_once_noted(world: World) -> None:
    alice, profile = principal(), ClientProfile(video_codecs=["h264"], max_height=720)
    start = StartRequest(MediaType.MOVIE, world.movie, client_profile=profile)
    session = await world.playback.start(alice, start)
    assert session.view().error is None
    before = await world.playback.failed(session.id, "ffmpeg cannot read the file")
    again = await world.playback.failed(session.id, "ffmpeg cannot read the file")
    assert before is not None
    assert before.error is None
    assert again is not None
    assert again.error == "ffmpeg cannot read the file"
    stored = await world.playback.get(alice, session.id)
    assert stored.client_profile == profile
    assert stored.view().error == "ffmpeg cannot read the file"
    assert await world.playback.failed(uuid.uuid4(), "gone") is None
