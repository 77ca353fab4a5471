"""How a session plays a file: direct, remux (the streams as they are, in fMP4) or transcode
(only the streams the client cannot decode), and the quality ladder it may switch between."""

from __future__ import annotations

import enum
from collections.abc import Sequence

import attrs

from revenge_domain.streaming.media import AudioStream, MediaInfo, SubtitleStream, VideoStream
from revenge_domain.streaming.profile import ClientProfile

# Codecs that fit an fMP4 HLS segment as they are.
FMP4_VIDEO = frozenset({"h264", "hevc", "av1", "vp9"})
FMP4_AUDIO = frozenset({"aac", "mp3", "ac3", "eac3", "opus", "flac", "alac"})
# (name, height, video kbps): never above the source's height.
LADDER = (("1080p", 1080, 8000), ("720p", 720, 4000), ("480p", 480, 1500))
AAC_STEREO_KBPS, AAC_SURROUND_KBPS = 160, 384


class Method(enum.Enum):
    DIRECT = "direct"
    REMUX = "remux"
    TRANSCODE = "transcode"


@attrs.frozen
class VideoPlan:
    """One quality profile: the source stream copied, or H.264 at `height`."""

    name: str
    stream: VideoStream
    copy: bool
    width: int
    height: int
    bitrate_kbps: int

    @property
    def is_original(self) -> bool:
        return self.copy


@attrs.frozen
class AudioPlan:
    """One audio rendition: the source track copied, or AAC with `channels`."""

    track: int
    stream: AudioStream
    copy: bool
    channels: int
    bitrate_kbps: int

    @property
    def codec(self) -> str:
        return self.stream.codec if self.copy else "aac"


@attrs.frozen
class StreamPlan:
    method: Method
    media: MediaInfo
    videos: Sequence[VideoPlan]
    audios: Sequence[AudioPlan]

    @property
    def subtitles(self) -> Sequence[SubtitleStream]:
        return self.media.subtitles

    def video(self, name: str) -> VideoPlan | None:
        return next((plan for plan in self.videos if plan.name == name), None)

    def audio(self, track: int) -> AudioPlan | None:
        return next((plan for plan in self.audios if plan.track == track), None)


def video_fits(stream: VideoStream, media: MediaInfo, client: ClientProfile) -> bool:
    if stream.codec not in client.video_codecs or stream.codec not in FMP4_VIDEO:
        return False
    # Browsers decode 8-bit H.264 only (High 10 is rare and unsupported); HDR needs the client.
    if stream.bit_depth > 8 and (stream.codec == "h264" or not client.supports_hdr10):
        return False
    too_tall = client.max_height and stream.height > client.max_height
    too_wide = client.max_width and stream.width > client.max_width
    bitrate = stream.bitrate_kbps or media.bitrate_kbps
    too_fast = client.max_bitrate_kbps and bitrate > client.max_bitrate_kbps
    return not (too_tall or too_wide or too_fast)


def audio_fits(stream: AudioStream, client: ClientProfile) -> bool:
    return (
        stream.codec in client.audio_codecs
        and stream.codec in FMP4_AUDIO
        and stream.channels <= max(client.max_audio_channels, 1)
    )


def even(value: float) -> int:
    return max(2, round(value / 2) * 2)


def _scaled(stream: VideoStream, name: str, height: int, kbps: int) -> VideoPlan:
    width = even(stream.width * height / stream.height) if stream.height else even(height * 16 / 9)
    return VideoPlan(name, stream, False, width, height, kbps)


def _limit_height(stream: VideoStream, client: ClientProfile) -> int:
    height = stream.height
    if client.max_height:
        height = min(height, client.max_height)
    if client.max_width and stream.width > client.max_width:
        height = min(height, int(client.max_width * stream.height / stream.width))
    return height


def video_ladder(stream: VideoStream, media: MediaInfo, client: ClientProfile) -> list[VideoPlan]:
    """The original (when it fits), then every rung below it; nothing is upscaled."""
    plans: list[VideoPlan] = []
    top = _limit_height(stream, client)
    if video_fits(stream, media, client):
        bitrate = stream.bitrate_kbps or media.bitrate_kbps
        plans.append(VideoPlan("original", stream, True, stream.width, stream.height, bitrate))
    rungs = [(n, h, k) for n, h, k in LADDER if h <= top and (h < stream.height or not plans)]
    if client.max_bitrate_kbps:
        rungs = [(n, h, min(k, client.max_bitrate_kbps)) for n, h, k in rungs]
    plans.extend(_scaled(stream, name, height, kbps) for name, height, kbps in rungs)
    if not plans:  # smaller than the lowest rung and not decodable: its own size
        kbps = min(LADDER[-1][2], client.max_bitrate_kbps or LADDER[-1][2])
        plans.append(_scaled(stream, f"{even(top)}p", even(top), kbps))
    return plans


def audio_plan(track: int, stream: AudioStream, client: ClientProfile) -> AudioPlan:
    if audio_fits(stream, client):
        return AudioPlan(track, stream, True, stream.channels, stream.bitrate_kbps or 192)
    surround = stream.channels >= 6 and client.max_audio_channels >= 6
    channels = 6 if surround else min(max(stream.channels, 1), 2)
    return AudioPlan(
        track, stream, False, channels, AAC_SURROUND_KBPS if surround else AAC_STEREO_KBPS
    )


def container_fits(media: MediaInfo, client: ClientProfile) -> bool:
    names = media.container_names
    if "mp4" in names or "mov" in names:
        return bool(client.containers & {"mp4", "mov"})
    if "matroska" in names:
        return "mkv" in client.containers or "matroska" in client.containers
    return bool(names & client.containers)


def plan_streams(media: MediaInfo, client: ClientProfile) -> StreamPlan:
    """Direct when container and every stream fit; remux when only the container does not;
    otherwise transcode what does not fit."""
    stream = media.main_video
    videos = video_ladder(stream, media, client) if stream else []
    audios = [audio_plan(k, each, client) for k, each in enumerate(media.audio)]
    copies_all = all(plan.copy for plan in audios) and (not videos or videos[0].copy)
    if copies_all and container_fits(media, client):
        method = Method.DIRECT
    elif copies_all:
        method = Method.REMUX
    else:
        method = Method.TRANSCODE
    return StreamPlan(method, media, videos, audios)
