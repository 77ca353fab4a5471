"""What a playback session shows its client: where to fetch the streams, the video profiles,
audio and subtitle tracks on offer, and, once the file is planned for the client, how it plays."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

import attrs


@attrs.frozen
class VideoProfile:
    name: str
    width: int
    height: int
    bitrate: int
    is_original: bool


@attrs.frozen
class AudioTrack:
    index: int
    language: str
    channels: int
    codec: str
    is_default: bool
    # The channel layout's name, once the file's streams are known.
    layout: str | None = None


@attrs.frozen
class SubtitleTrack:
    """`url` is empty for a bitmap subtitle, which cannot be served as WebVTT."""

    index: int
    language: str
    codec: str
    url: str
    is_forced: bool


@attrs.frozen
class SessionView:
    """`play_method` and `direct_url` (when the client plays the file as it is) once the file is
    planned for the client; `error` once the file is known not to play."""

    session_id: UUID
    master_playlist_url: str
    duration_seconds: float
    profiles: list[VideoProfile]
    audio_tracks: list[AudioTrack]
    subtitle_tracks: list[SubtitleTrack]
    created_at: datetime
    expires_at: datetime
    error: str | None = None
    play_method: str | None = None
    direct_url: str | None = None
