"""The streaming feature, built from config: which session plays what, and how."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Iterable, Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import attrs

from revenge_adapters.streaming import (
    LiveStreams,
    SegmentStore,
    SessionStreams,
    TranscodeSlots,
    find_tools,
)
from revenge_app.config import Config, StreamingConfig
from revenge_domain.activity import NO_ACTIVITY, ActivityEvent, ActivityLog
from revenge_domain.errors import NotFound
from revenge_domain.identity.access import Principal
from revenge_domain.playback import Playback, PlaybackSession, PlaybackUnavailable
from revenge_domain.playback.cases import STOPPED
from revenge_domain.playback.model import STREAM_PATH, session_not_found
from revenge_domain.playback.view import SessionView
from revenge_domain.ports.events import Subscription
from revenge_domain.streaming import ClientProfile, MediaUnreadable
from revenge_domain.streaming.view import planned_view

log = logging.getLogger(__name__)
PLAYBACK_ERROR = "playback.error"
# The longest a session checked once is trusted without a look-up, should an end go unheard.
TRUST = timedelta(seconds=10)


def client_profile(body: Mapping[str, Any] | None, user_agent: str) -> ClientProfile:
    """The StartPlaybackRequest's client_profile (already validated against its schema), else
    a guess from the User-Agent."""
    if not body:
        return ClientProfile.from_user_agent(user_agent)
    base = ClientProfile()

    def given(key: str, default: frozenset[str]) -> Iterable[str]:
        names: Iterable[str] | None = body.get(key)
        return default if names is None else names

    return ClientProfile(
        video_codecs=given("video_codecs", base.video_codecs),
        audio_codecs=given("audio_codecs", base.audio_codecs),
        containers=given("containers", base.containers),
        max_width=int(body.get("max_width") or 0),
        max_height=int(body.get("max_height") or 0),
        max_bitrate_kbps=int(body.get("max_bitrate_kbps") or 0),
        max_audio_channels=int(body.get("max_audio_channels") or 2),
        supports_hdr10=bool(body.get("supports_hdr10", False)),
    )


@attrs.frozen
class Streaming:
    live: LiveStreams
    playback: Playback
    config: StreamingConfig
    activity: ActivityLog = NO_ACTIVITY

    async def opened(self, session: PlaybackSession) -> SessionView:
        """The session's answer with what the file really holds, planned for its client (or
        why the file cannot be played)."""
        try:
            await self._open(session)
        except MediaUnreadable as exc:
            session = attrs.evolve(session, error=exc.message)
        return self.view(session)

    async def _open(self, session: PlaybackSession) -> SessionStreams:
        async with self._reported(session.id):
            if not session.file.path:
                raise MediaUnreadable("the file's location is not known")
            source, client = Path(session.file.path), client_of(session)
            return await self.live.open(session.id, session.user_id, source, client)

    def view(self, session: PlaybackSession) -> SessionView:
        view = session.view()
        streams = self.live.get(session.id)
        if streams is None:
            return view
        base = f"{STREAM_PATH}/{session.id}"
        return planned_view(view, streams.plan, base, session.audio_track)

    async def streams(self, principal: Principal, session_id: UUID) -> SessionStreams:
        """The caller's own session's streams; anyone else's session is NotFound. A session
        checked a moment ago costs no look-up: its end anywhere closes its streams here."""
        found = self.live.get(session_id)
        now = self.playback.clock()
        if found and found.user_id == principal.user_id and now < (found.trusted_until or now):
            return found
        session = await self.playback.get(principal, session_id)
        if not session.belongs_to(principal.user_id):
            raise session_not_found(session_id)
        found = self.live.get(session_id)
        if found is None:  # started on another instance, or before a restart
            found = await self._open(session)
        found.trusted_until = min(session.expires_at, now + TRUST)
        return found

    async def segment(self, streams: SessionStreams, key: str, number: int | None) -> Path:
        async with self._reported(streams.session_id, streams):
            return await self.live.segment(streams, key, number)

    async def subtitle(self, streams: SessionStreams, track: int) -> Path:
        async with self._reported(streams.session_id, streams):
            return await self.live.subtitle(streams, track)

    async def original(self, streams: SessionStreams) -> Path:
        async with self._reported(streams.session_id, streams):
            if not streams.source.is_file():
                raise MediaUnreadable("the file is gone from its library")
            return streams.source

    @contextlib.asynccontextmanager
    async def _reported(
        self, session_id: UUID, streams: SessionStreams | None = None
    ) -> AsyncIterator[None]:
        """A file that cannot be played stops the session's encoders and is noted on the
        session and, the first time, in the activity log."""
        try:
            yield
        except MediaUnreadable as exc:
            if streams is not None:
                await self.live.halt(streams)
            await self._failed(session_id, exc)
            raise

    async def _failed(self, session_id: UUID, exc: MediaUnreadable) -> None:
        fields = {"session_id": str(session_id), "reason": exc.message}
        log.warning("playback file unreadable", extra={"fields": fields})
        before = None
        with contextlib.suppress(PlaybackUnavailable):  # the request still answers its 422
            before = await self.playback.failed(session_id, exc.message)
        if before is not None and before.error != exc.message:
            await self.activity.record(unreadable_event(before, exc.message))

    async def closed(self, session_id: UUID) -> None:
        await self.live.close(session_id)

    async def follow_ends(self, ends: Subscription) -> None:
        """Close the streams of sessions that end on any instance: stopped, or expired by
        the cleanup job; after a gap in the events every session is checked again."""
        async for event in ends:
            if event.is_gap:
                self.live.distrust_all()
            elif event.type == STOPPED:
                with contextlib.suppress(KeyError, ValueError):
                    await self.live.close(UUID(event.data["session_id"]))

    async def sweep(self) -> None:
        """End the streams of sessions that ended or expired; rest idle encoders; trim."""
        for session_id in self.live.session_ids():
            if not await self._alive(session_id):
                await self.live.close(session_id)
        await self.live.rest_idle(self.config.idle_s)
        self.live.store.trim()

    async def _alive(self, session_id: UUID) -> bool:
        with contextlib.suppress(NotFound):
            session = await self.playback.sessions.get(session_id)
            return session is not None and not session.is_expired(self.playback.clock())
        return False


def client_of(session: PlaybackSession) -> ClientProfile:
    """The profile the session was started with (every instance plans alike)."""
    return session.client_profile or ClientProfile()


def unreadable_event(session: PlaybackSession, reason: str) -> ActivityEvent:
    return ActivityEvent(
        PLAYBACK_ERROR,
        success=False,
        user_id=session.user_id,
        resource_type="playback_session",
        resource_id=session.id,
        metadata={
            "file_id": str(session.file.id),
            "media_type": session.media_type.value,
            "media_id": str(session.media_id),
        },
        error_message=reason,
    )


def segments_dir(config: Config) -> Path:
    given = config.streaming.segments_dir
    return Path(given) if given else Path(config.data_dir) / "streams"


def build_streaming(
    config: Config, playback: Playback, activity: ActivityLog = NO_ACTIVITY
) -> Streaming:
    settings = config.streaming
    store = SegmentStore(segments_dir(config), settings.max_cache_bytes)
    tools = find_tools(settings.ffmpeg_path, settings.ffprobe_path)
    live = LiveStreams(tools, store, TranscodeSlots(settings.max_transcodes))
    return Streaming(live, playback, settings, activity)
