"""Playback sessions: who plays which file, where they are in it, and until when the session
lives without a heartbeat."""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from datetime import datetime, timedelta
from uuid import UUID

import attrs

from revenge_domain.errors import DomainError, NotFound
from revenge_domain.playback.view import AudioTrack, SessionView, SubtitleTrack, VideoProfile
from revenge_domain.streaming.profile import ClientProfile

STREAM_PATH = "/api/v1/playback/stream"
_HEIGHT = re.compile(r"(\d{3,4})")
_NAMED_HEIGHTS = {"4k": 2160, "uhd": 2160, "fhd": 1080, "hd": 720, "sd": 480}


class MediaType(enum.Enum):
    MOVIE = "movie"
    EPISODE = "episode"


class PlaybackUnavailable(DomainError):
    """Sessions cannot be read or written now (their store is down)."""

    code = "playback_unavailable"


def session_not_found(session_id: UUID) -> NotFound:
    return NotFound("playback session not found", {"session_id": str(session_id)})


def height_of(resolution: str | None) -> int:
    """Lines of a resolution label ("1080p", "1920x1080", "4K"); 0 when unknown."""
    if not resolution:
        return 0
    label = resolution.strip().lower()
    if label in _NAMED_HEIGHTS:
        return _NAMED_HEIGHTS[label]
    numbers = [int(n) for n in _HEIGHT.findall(label)]
    return min(numbers) if len(numbers) > 1 else (numbers[0] if numbers else 0)


@attrs.frozen
class PlayableFile:
    """A video file of a movie or an episode, as the catalogue knows it."""

    id: UUID
    size: int = 0
    duration_s: int | None = None
    resolution: str | None = None
    audio_codec: str | None = None
    audio_channels: int | None = None
    audio_languages: Sequence[str] = ()
    subtitle_languages: Sequence[str] = ()
    # Where the file lies on disk (None: not known to this session).
    path: str | None = None

    @property
    def rank(self) -> tuple[int, int, int]:
        """Bigger is better: resolution, then a known duration, then size."""
        return (height_of(self.resolution), 1 if self.duration_s else 0, self.size)


def best_file(files: Sequence[PlayableFile], file_id: UUID | None) -> PlayableFile | None:
    """The file asked for, else the best one; None when there is no such file."""
    if file_id is not None:
        return next((file for file in files if file.id == file_id), None)
    return max(files, key=lambda file: file.rank, default=None)


@attrs.define
class PlaybackSession:
    id: UUID
    user_id: UUID
    media_type: MediaType
    media_id: UUID
    file: PlayableFile
    position_s: int
    audio_track: int
    subtitle_track: int | None
    created_at: datetime
    expires_at: datetime
    # What the client said it decodes, so every server instance plans the session alike; None
    # for sessions started without streaming.
    client_profile: ClientProfile | None = None
    # Why the file cannot be played, once that is known.
    error: str | None = None

    def belongs_to(self, user_id: UUID) -> bool:
        return self.user_id == user_id

    def is_expired(self, now: datetime) -> bool:
        return now >= self.expires_at

    def beat(self, now: datetime, timeout: timedelta, position_s: int | None) -> None:
        self.expires_at = now + timeout
        if position_s is not None:
            self.position_s = self.clamped(position_s)

    def clamped(self, position_s: int) -> int:
        duration = self.file.duration_s
        position = max(position_s, 0)
        return min(position, duration) if duration else position

    def view(self) -> SessionView:
        """What the session shows its client before its file is planned for it."""
        base = f"{STREAM_PATH}/{self.id}"
        file = self.file
        height = height_of(file.resolution)
        return SessionView(
            session_id=self.id,
            master_playlist_url=f"{base}/master.m3u8",
            duration_seconds=float(file.duration_s or 0),
            profiles=[VideoProfile("original", height * 16 // 9, height, 0, is_original=True)],
            audio_tracks=[
                AudioTrack(
                    index=index,
                    language=language,
                    channels=file.audio_channels or 2,
                    codec=file.audio_codec or "unknown",
                    is_default=index == self.audio_track,
                )
                for index, language in enumerate(file.audio_languages or ("und",))
            ],
            subtitle_tracks=[
                SubtitleTrack(index, language, "webvtt", f"{base}/subs/{index}.vtt", False)
                for index, language in enumerate(file.subtitle_languages)
            ],
            created_at=self.created_at,
            expires_at=self.expires_at,
            error=self.error or None,
        )
