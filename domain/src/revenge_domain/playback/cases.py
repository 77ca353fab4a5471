"""Use cases of playback sessions. A caller sees and controls only their own sessions
(administrators: all); anyone else's session answers NotFound, as one that does not exist.
Heartbeats keep a session alive and record the position as the caller's watch progress."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import ClassVar
from uuid import UUID

import attrs

from revenge_domain.errors import InvalidInput, NotFound
from revenge_domain.identity.access import EVERYTHING, Principal
from revenge_domain.jobs import Job, Queue
from revenge_domain.movies import MovieWatching
from revenge_domain.playback.model import (
    MediaType,
    PlaybackSession,
    best_file,
    session_not_found,
)
from revenge_domain.playback.ports import MediaFiles, PlaybackSessions, ProgressRecorder
from revenge_domain.ports.events import Event, EventBus
from revenge_domain.streaming.profile import ClientProfile
from revenge_domain.tvshows import TVWatching
from revenge_domain.watch_progress import TitleProgress

PLAYBACK_CATEGORY = "playback"
STARTED, STOPPED = "playback.started", "playback.stopped"
PROGRESS_PERMISSION = "playback:progress"


def utc_now() -> datetime:
    return datetime.now(UTC)


@attrs.frozen
class PlaybackCleanup(Job):
    """End the sessions whose heartbeats stopped."""

    kind: ClassVar[str] = "playback_cleanup"
    queue: ClassVar[Queue] = Queue.LOW
    max_attempts: ClassVar[int] = 3
    timeout_s: ClassVar[float] = 60.0
    unique_for_s: ClassVar[float | None] = 300.0


@attrs.frozen
class StartRequest:
    media_type: MediaType
    media_id: UUID
    file_id: UUID | None = None
    audio_track: int = 0
    subtitle_track: int | None = None
    start_position_s: int = 0
    client_profile: ClientProfile | None = None


@attrs.frozen
class WatchProgress:
    """Records a position as the user's progress through a movie or an episode."""

    movies: MovieWatching
    episodes: TVWatching

    async def record(self, principal: Principal, session: PlaybackSession) -> None:
        duration = session.file.duration_s
        if not duration or not principal.can(PROGRESS_PERMISSION):
            return
        position = session.clamped(session.position_s)
        # A title removed (or made unreadable) while it plays keeps its session, not progress.
        with contextlib.suppress(NotFound):
            watching: TitleProgress = (
                self.movies if session.media_type is MediaType.MOVIE else self.episodes
            )
            await watching.update(principal, session.media_id, position, duration)


def session_event(kind: str, session: PlaybackSession, reason: str | None = None) -> Event:
    data = {
        "user_id": str(session.user_id),
        "session_id": str(session.id),
        "media_type": session.media_type.value,
        "media_id": str(session.media_id),
        "position_seconds": session.position_s,
    }
    return Event(PLAYBACK_CATEGORY, kind, {**data, **({"reason": reason} if reason else {})})


@attrs.frozen
class Playback:
    sessions: PlaybackSessions
    media: MediaFiles
    progress: ProgressRecorder
    events: EventBus
    timeout: timedelta = timedelta(minutes=30)
    clock: Callable[[], datetime] = utc_now

    async def start(self, principal: Principal, request: StartRequest) -> PlaybackSession:
        """A new session on the requested file (or the title's best one)."""
        if request.start_position_s < 0:
            raise InvalidInput("start_position must not be negative", {"field": "start_position"})
        files = await self.media.files(principal, request.media_type, request.media_id)
        file = best_file(files, request.file_id)
        if file is None:
            details = {"media_id": str(request.media_id), "file_id": str(request.file_id)}
            raise InvalidInput("the title has no such playable file", details)
        now = self.clock()
        session = PlaybackSession(
            id=uuid.uuid4(),
            user_id=principal.user_id,
            media_type=request.media_type,
            media_id=request.media_id,
            file=file,
            position_s=0,
            audio_track=request.audio_track,
            subtitle_track=request.subtitle_track,
            created_at=now,
            expires_at=now + self.timeout,
            client_profile=request.client_profile,
        )
        session.position_s = session.clamped(request.start_position_s)
        await self.sessions.save(session)
        await self.events.publish(session_event(STARTED, session))
        return session

    async def get(self, principal: Principal, session_id: UUID) -> PlaybackSession:
        session = await self.sessions.get(session_id)
        visible = session is not None and (
            session.belongs_to(principal.user_id) or principal.can(EVERYTHING)
        )
        if session is None or not visible or session.is_expired(self.clock()):
            raise session_not_found(session_id)
        return session

    async def heartbeat(
        self, principal: Principal, session_id: UUID, position_s: int | None
    ) -> PlaybackSession:
        session = await self.get(principal, session_id)
        session.beat(self.clock(), self.timeout, position_s)
        await self.sessions.save(session)
        if position_s is not None and session.belongs_to(principal.user_id):
            await self.progress.record(principal, session)
        return session

    async def failed(self, session_id: UUID, error: str) -> PlaybackSession | None:
        """Note on the session why its file cannot be played; the session as it was before
        (None when it ended meanwhile)."""
        session = await self.sessions.get(session_id)
        if session is not None and session.error != error:
            await self.sessions.save(attrs.evolve(session, error=error))
        return session

    async def stop(self, principal: Principal, session_id: UUID) -> None:
        """End the session; its last position is recorded as the owner's watch progress."""
        session = await self.get(principal, session_id)
        if session.belongs_to(principal.user_id) and session.position_s > 0:
            await self.progress.record(principal, session)
        if await self.sessions.delete(session_id):
            await self.events.publish(session_event(STOPPED, session, "stopped"))

    async def clean_up(self) -> int:
        """End every session past its time; the number of sessions still active."""
        now = self.clock()
        for session in await self.sessions.expired(now):
            if await self.sessions.delete(session.id):
                await self.events.publish(session_event(STOPPED, session, "expired"))
        return await self.sessions.active_count(now)
