"""What playback needs from the outside: a session store and the files of a title."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol
from uuid import UUID

from revenge_domain.identity.access import Principal
from revenge_domain.playback.model import MediaType, PlayableFile, PlaybackSession


class PlaybackSessions(Protocol):
    """Live playback sessions; PlaybackUnavailable when the store cannot be reached."""

    async def save(self, session: PlaybackSession) -> None: ...

    async def get(self, session_id: UUID) -> PlaybackSession | None: ...

    async def delete(self, session_id: UUID) -> bool:
        """False when there was no such session."""
        ...

    async def expired(self, now: datetime) -> list[PlaybackSession]:
        """Sessions whose time ran out by `now`, still stored."""
        ...

    async def active_count(self, now: datetime) -> int: ...


class MediaFiles(Protocol):
    async def files(
        self, principal: Principal, media_type: MediaType, media_id: UUID
    ) -> Sequence[PlayableFile]:
        """The title's files; NotFound when it does not exist or the caller may not read it."""
        ...


class ProgressRecorder(Protocol):
    async def record(self, principal: Principal, session: PlaybackSession) -> None:
        """Save the session's position as the principal's watch progress of its title."""
        ...
