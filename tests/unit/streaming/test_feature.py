"""The streaming feature over in-memory sessions: a session ended anywhere closes its streams,
and a file that cannot be played still answers its own error when sessions cannot be reached."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from revenge_adapters.streaming import LiveStreams, SegmentStore, SessionStreams, TranscodeSlots
from revenge_adapters.streaming.tools import Tools
from revenge_app.config import StreamingConfig
from revenge_app.playback.streaming import Streaming, client_profile
from revenge_domain.playback import (
    STOPPED,
    MediaType,
    PlayableFile,
    Playback,
    PlaybackSession,
    PlaybackUnavailable,
)
from revenge_domain.playback.cases import session_event
from revenge_domain.ports.events import gap_event
from revenge_domain.streaming import ClientProfile, MediaUnreadable, plan_streams
from tests.unit.fakes.events import InMemoryEventBus
from tests.unit.playback.fakes import GivenFiles, InMemoryPlaybackSessions, RecordedProgress
from tests.unit.streaming.media import AAC, h264, media


class UnreachableSessions(InMemoryPlaybackSessions):
    async def get(self, session_id: uuid.UUID) -> PlaybackSession | None:
        raise PlaybackUnavailable("playback sessions are unavailable right now")


def streaming(folder: Path, sessions: InMemoryPlaybackSessions) -> Streaming:
    live = LiveStreams(Tools("ffmpeg"), SegmentStore(folder, 1 << 20), TranscodeSlots(1))
    playback = Playback(sessions, GivenFiles(), RecordedProgress(), InMemoryEventBus())
    return Streaming(live, playback, StreamingConfig())


def held(feature: Streaming, source: Path) -> SessionStreams:
    session_id, plan = uuid.uuid4(), plan_streams(media(h264(), AAC), ClientProfile())
    streams = SessionStreams(session_id, uuid.uuid4(), source, plan, source.parent / "s")
    feature.live._sessions[session_id] = streams
    return streams


def session_of(streams: SessionStreams) -> PlaybackSession:
    now = datetime.now(UTC)
    file = PlayableFile(uuid.uuid4(), path=str(streams.source))
    return PlaybackSession(
        streams.session_id, streams.user_id, MediaType.MOVIE, uuid.uuid4(), file, 0, 0, None,
        now, now + timedelta(minutes=5),
    )  # fmt: skip


async def test_an_unplayable_file_is_its_own_error_even_when_sessions_are_unreachable(
    tmp_path: Path,
) -> None:
    feature = streaming(tmp_path, UnreachableSessions())
    streams = held(feature, tmp_path / "gone.mkv")
    with pytest.raises(MediaUnreadable):
        await feature.original(streams)


async def test_ends_close_their_streams_and_a_gap_has_every_session_checked_again(
    tmp_path: Path,
) -> None:
    feature = streaming(tmp_path, InMemoryPlaybackSessions())
    ending, staying = held(feature, tmp_path / "a.mkv"), held(feature, tmp_path / "b.mkv")
    staying.trusted_until = datetime.now(UTC) + timedelta(seconds=5)
    bus = InMemoryEventBus()
    ends = bus.subscribe()
    following = asyncio.create_task(feature.follow_ends(ends))
    await bus.publish(session_event(STOPPED, session_of(ending), "expired"))
    await bus.publish(gap_event())
    for _ in range(100):
        if staying.trusted_until is None:
            break
        await asyncio.sleep(0.01)
    await ends.aclose()
    await asyncio.wait_for(following, 5)
    assert feature.live.get(ending.session_id) is None
    assert feature.live.get(staying.session_id) is staying
    assert staying.trusted_until is None


def test_the_request_profile_names_codecs_as_clients_do_and_defaults_what_it_leaves_out() -> None:
    given = {"video_codecs": ["avc1", "H265"], "audio_codecs": ["ec-3"], "max_audio_channels": 6}
    client = client_profile(given, "AppleCoreMedia/1.0")
    assert client == ClientProfile(
        video_codecs={"h264", "hevc"}, audio_codecs={"eac3"}, max_audio_channels=6
    )
    assert client_profile({"containers": [], "max_height": None}, "") == ClientProfile(
        containers=()
    )


def test_without_a_profile_the_user_agent_is_the_guess() -> None:
    apple = ClientProfile.from_user_agent("AppleCoreMedia/1.0")
    assert client_profile(None, "AppleCoreMedia/1.0") == apple
    assert client_profile({}, "Mozilla/5.0 Chrome/120.0") == ClientProfile()
