"""The video file of a movie or an episode: where it lies and what probing it found."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

import attrs


@attrs.frozen(kw_only=True)
class MediaFile:
    """What the files of movies and episodes share; each adds the title it belongs to."""

    id: UUID
    file_path: str
    file_size: int
    file_name: str
    created_at: datetime
    updated_at: datetime
    resolution: str | None = None
    quality_profile: str | None = None
    video_codec: str | None = None
    audio_codec: str | None = None
    container: str | None = None
    duration_seconds: int | None = None
    bitrate_kbps: int | None = None
    audio_languages: list[str] = attrs.Factory(list)
    subtitle_languages: list[str] = attrs.Factory(list)
