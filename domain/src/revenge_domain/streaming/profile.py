"""What a client says it can decode (or what its User-Agent suggests when it says nothing)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

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


@attrs.frozen
class ClientProfile:
    """Limits of 0 mean no limit."""

    video_codecs: frozenset[str] = frozenset(BROWSER_VIDEO)
    audio_codecs: frozenset[str] = frozenset(BROWSER_AUDIO)
    containers: frozenset[str] = frozenset(BROWSER_CONTAINERS)
    max_width: int = 0
    max_height: int = 0
    max_bitrate_kbps: int = 0
    max_audio_channels: int = 2
    supports_hdr10: bool = False

    @classmethod
    def from_request(cls, body: Mapping[str, Any]) -> ClientProfile:
        """The StartPlaybackRequest's client_profile (already validated against its schema)."""
        base = cls()

        def names(key: str, default: frozenset[str]) -> frozenset[str]:
            given = body.get(key)
            return frozenset(map(codec_name, given)) if given is not None else default

        return cls(
            video_codecs=names("video_codecs", base.video_codecs),
            audio_codecs=names("audio_codecs", base.audio_codecs),
            containers=names("containers", base.containers),
            max_width=int(body.get("max_width") or 0),
            max_height=int(body.get("max_height") or 0),
            max_bitrate_kbps=int(body.get("max_bitrate_kbps") or 0),
            max_audio_channels=int(body.get("max_audio_channels") or 2),
            supports_hdr10=bool(body.get("supports_hdr10", False)),
        )

    def as_request(self) -> dict[str, Any]:
        """The profile as a client_profile that `from_request` reads back unchanged."""
        return {
            "video_codecs": sorted(self.video_codecs),
            "audio_codecs": sorted(self.audio_codecs),
            "containers": sorted(self.containers),
            "max_width": self.max_width,
            "max_height": self.max_height,
            "max_bitrate_kbps": self.max_bitrate_kbps,
            "max_audio_channels": self.max_audio_channels,
            "supports_hdr10": self.supports_hdr10,
        }

    @classmethod
    def from_user_agent(cls, user_agent: str) -> ClientProfile:
        """A cautious guess: Safari and Apple devices decode HEVC and Dolby audio, others
        are treated as a Chromium-like browser."""
        agent = user_agent.lower()
        apple = "safari" in agent and "chrome" not in agent and "chromium" not in agent
        if apple or "applecoremedia" in agent:
            return cls(
                video_codecs=frozenset(_APPLE_VIDEO),
                audio_codecs=frozenset(_APPLE_AUDIO),
                max_audio_channels=6,
            )
        return cls()
