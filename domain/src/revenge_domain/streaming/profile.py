"""What a client says it can decode (or what its User-Agent suggests when it says nothing)."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

# Names clients use for codecs, to ffmpeg's names.
_ALIASES = {
    "avc": "h264",
    "avc1": "h264",
    "h265": "hevc",
    "hev1": "hevc",
    "hvc1": "hevc",
    "av01": "av1",
    "vp09": "vp9",
    "mp4a": "aac",
    "ac-3": "ac3",
    "e-ac-3": "eac3",
    "ec-3": "eac3",
    "dca": "dts",
}
BROWSER_VIDEO = ("h264", "vp9", "av1")
BROWSER_AUDIO = ("aac", "mp3", "opus", "flac")
BROWSER_CONTAINERS = ("mp4", "mov", "webm")
_APPLE_VIDEO = ("h264", "hevc")
_APPLE_AUDIO = ("aac", "mp3", "ac3", "eac3", "flac", "alac")


def codec_name(name: str) -> str:
    lowered = name.strip().lower()
    return _ALIASES.get(lowered, lowered)


def codec_names(names: Iterable[str]) -> frozenset[str]:
    return frozenset(map(codec_name, names))


@attrs.frozen
class ClientProfile:
    """Codecs and containers by ffmpeg's names, whatever names they are given by; limits of 0
    mean no limit."""

    video_codecs: frozenset[str] = attrs.field(default=BROWSER_VIDEO, converter=codec_names)
    audio_codecs: frozenset[str] = attrs.field(default=BROWSER_AUDIO, converter=codec_names)
    containers: frozenset[str] = attrs.field(default=BROWSER_CONTAINERS, converter=codec_names)
    max_width: int = 0
    max_height: int = 0
    max_bitrate_kbps: int = 0
    max_audio_channels: int = 2
    supports_hdr10: bool = False

    @classmethod
    def from_user_agent(cls, user_agent: str) -> ClientProfile:
        """A cautious guess: Safari and Apple devices decode HEVC and Dolby audio, others
        are treated as a Chromium-like browser."""
        agent = user_agent.lower()
        apple = "safari" in agent and "chrome" not in agent and "chromium" not in agent
        if apple or "applecoremedia" in agent:
            return cls(video_codecs=_APPLE_VIDEO, audio_codecs=_APPLE_AUDIO, max_audio_channels=6)
        return cls()
