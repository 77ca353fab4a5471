"""In-memory playback: a session store, the files of some titles, recorded progress."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

import attrs

from revenge_domain.errors import NotFound
from revenge_domain.identity.access import Principal
from revenge_domain.playback import MediaType, PlayableFile, PlaybackSession


class InMemoryPlaybackSessions:
    def __init__(self) -> None:
        self.sessions: dict[UUID, PlaybackSession] = {}

    async def save(self, session: PlaybackSession) -> None:
        self.sessions[session.id] = attrs.evolve(session)

    async def get(self, session_id: UUID) -> PlaybackSession | None:
        session = self.sessions.get(session_id)
        return attrs.evolve(session) if session else None

    async def delete(self, session_id: UUID) -> bool:
        return self.sessions.pop(session_id, None) is not None

    async def expired(self, now: datetime) -> list[PlaybackSession]:
        return [s for s in self.sessions.values() if s.is_expired(now)]

    async def active_count(self, now: datetime) -> int:
        return sum(1 for s in self.sessions.values() if not s.is_expired(now))


@attrs.define
class GivenFiles:
    """Titles and their files; `readers` of a title may play it (everyone when absent)."""

    titles: dict[UUID, list[PlayableFile]] = attrs.Factory(dict)
    readers: dict[UUID, set[UUID]] = attrs.Factory(dict)

    async def files(
        self, principal: Principal, media_type: MediaType, media_id: UUID
    ) -> Sequence[PlayableFile]:
        allowed = self.readers.get(media_id)
        if media_id not in self.titles or (
            allowed is not None and principal.user_id not in allowed
        ):
            raise NotFound("no such title", {"media_id": str(media_id)})
        return self.titles[media_id]


@attrs.define
class RecordedProgress:
    saved: list[tuple[UUID, MediaType, UUID, int]] = attrs.Factory(list)

    async def record(self, principal: Principal, session: PlaybackSession) -> None:
        saved = (principal.user_id, session.media_type, session.media_id, session.position_s)
        self.saved.append(saved)
