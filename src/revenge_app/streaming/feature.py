"""The streaming feature, built from config: which session plays what, and how."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Mapping
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
from revenge_domain.errors import NotFound
from revenge_domain.identity.access import Principal
from revenge_domain.playback import Playback, PlaybackSession
from revenge_domain.playback.model import STREAM_PATH, session_not_found
from revenge_domain.streaming import ClientProfile, MediaUnreadable
from revenge_domain.streaming.answer import plan_view

log = logging.getLogger(__name__)


def client_profile(body: Mapping[str, Any] | None, user_agent: str) -> ClientProfile:
    if body:
        return ClientProfile.from_request(body)
    return ClientProfile.from_user_agent(user_agent)


@attrs.frozen
class Streaming:
    live: LiveStreams
    playback: Playback
    config: StreamingConfig

    async def opened(self, session: PlaybackSession, client: ClientProfile) -> dict[str, Any]:
        """The session's answer with what the file really holds, planned for `client`."""
        try:
            await self._open(session, client)
        except MediaUnreadable as exc:
            log.warning(
                "playback file unreadable",
                extra={"fields": {"session_id": str(session.id), "reason": exc.message}},
            )
        return self.view(session)

    async def _open(self, session: PlaybackSession, client: ClientProfile) -> SessionStreams:
        if not session.file.path:
            raise MediaUnreadable("the file's location is not known")
        return await self.live.open(session.id, session.user_id, Path(session.file.path), client)

    def view(self, session: PlaybackSession) -> dict[str, Any]:
        view = session.view()
        streams = self.live.get(session.id)
        if streams is not None:
            base = f"{STREAM_PATH}/{session.id}"
            view.update(plan_view(streams.plan, base, session.audio_track))
        return view

    async def streams(
        self, principal: Principal, session_id: UUID, user_agent: str
    ) -> SessionStreams:
        """The caller's own session's streams; anyone else's session is NotFound."""
        session = await self.playback.get(principal, session_id)
        if not session.belongs_to(principal.user_id):
            raise session_not_found(session_id)
        found = self.live.get(session_id)
        if found is None:  # started on another instance, or before a restart
            found = await self._open(session, ClientProfile.from_user_agent(user_agent))
        return found

    async def closed(self, session_id: UUID) -> None:
        await self.live.close(session_id)

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


def segments_dir(config: Config) -> Path:
    given = config.streaming.segments_dir
    return Path(given) if given else Path(config.data_dir) / "streams"


def build_streaming(config: Config, playback: Playback | None) -> Streaming | None:
    if playback is None:
        return None
    settings = config.streaming
    store = SegmentStore(segments_dir(config), settings.max_cache_bytes)
    tools = find_tools(settings.ffmpeg_path, settings.ffprobe_path)
    live = LiveStreams(tools, store, TranscodeSlots(settings.max_transcodes))
    return Streaming(live, playback, settings)
