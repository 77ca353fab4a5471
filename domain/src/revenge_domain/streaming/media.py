"""What a probe finds in a media file: its container, duration and streams."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

# Subtitles drawn as pictures: they cannot become WebVTT text.
BITMAP_SUBTITLES = frozenset({"hdmv_pgs_subtitle", "dvd_subtitle", "dvb_subtitle", "xsub"})
TEXT_SUBTITLES = frozenset({"subrip", "srt", "ass", "ssa", "mov_text", "webvtt", "text"})


@attrs.frozen
class VideoStream:
    index: int
    codec: str
    width: int
    height: int
    bit_depth: int = 8
    bitrate_kbps: int = 0
    frame_rate: float = 0.0
    profile: str = ""


@attrs.frozen
class AudioStream:
    index: int
    codec: str
    channels: int
    language: str = "und"
    bitrate_kbps: int = 0
    is_default: bool = False


@attrs.frozen
class SubtitleStream:
    index: int
    codec: str
    language: str = "und"
    is_forced: bool = False

    @property
    def is_text(self) -> bool:
        return self.codec in TEXT_SUBTITLES


@attrs.frozen
class MediaInfo:
    """`container` is ffmpeg's format name ("matroska,webm", "mov,mp4,m4a,3gp,3g2,mj2")."""

    container: str
    duration_s: float
    bitrate_kbps: int = 0
    video: Sequence[VideoStream] = ()
    audio: Sequence[AudioStream] = ()
    subtitles: Sequence[SubtitleStream] = ()

    @property
    def main_video(self) -> VideoStream | None:
        return self.video[0] if self.video else None

    @property
    def container_names(self) -> frozenset[str]:
        return frozenset(self.container.split(","))
