"""HLS playlists of a plan: the master (CODECS, RESOLUTION, BANDWIDTH per profile, one audio
rendition per track) and the media playlists of fixed-length fMP4 segments."""

from __future__ import annotations

import math

from revenge_domain.streaming.decision import AudioPlan, StreamPlan, VideoPlan

# Short enough that a transcode's first segment comes soon, long enough to keep requests few.
SEGMENT_S = 4
# H.264 levels we encode at, by the height they allow (level_idc).
_H264_LEVELS = ((480, 30), (720, 31), (1080, 40), (2160, 51))
_H264_PROFILES = {"baseline": 0x42, "constrained baseline": 0x42, "main": 0x4D, "high": 0x64}
_AUDIO_CODECS = {
    "aac": "mp4a.40.2",
    "mp3": "mp4a.40.34",
    "ac3": "ac-3",
    "eac3": "ec-3",
    "opus": "Opus",
    "flac": "fLaC",
    "alac": "alac",
}


def h264_level(height: int) -> int:
    return next((level for top, level in _H264_LEVELS if height <= top), 52)


def video_codec_string(plan: VideoPlan) -> str:
    stream = plan.stream
    if not plan.copy:
        return f"avc1.6400{h264_level(plan.height):02x}"
    if stream.codec == "h264":
        profile = _H264_PROFILES.get(stream.profile.lower(), 0x64)
        return f"avc1.{profile:02x}00{h264_level(stream.height):02x}"
    if stream.codec == "hevc":
        main10 = stream.bit_depth > 8
        return f"hvc1.{2 if main10 else 1}.{4 if main10 else 6}.L{_hevc_level(stream.height)}.B0"
    if stream.codec == "av1":
        return f"av01.0.08M.{10 if stream.bit_depth > 8 else 8:02d}"
    return f"vp09.00.40.{10 if stream.bit_depth > 8 else 8:02d}"


def _hevc_level(height: int) -> int:
    return 93 if height <= 720 else (120 if height <= 1080 else 153)


def audio_codec_string(plan: AudioPlan) -> str:
    return _AUDIO_CODECS.get(plan.codec, "mp4a.40.2")


def bandwidth(plan: VideoPlan, audios: list[AudioPlan]) -> int:
    """Peak bits per second of the variant: its video plus the widest audio rendition."""
    video_kbps = plan.bitrate_kbps or 2000
    peak = video_kbps * (11 if plan.copy else 15) // 10
    return (peak + max((a.bitrate_kbps for a in audios), default=0)) * 1000


def segment_count(duration_s: float) -> int:
    return max(1, math.ceil(duration_s / SEGMENT_S - 1e-6))


def _quoted(value: str) -> str:
    return '"' + value.replace('"', "").replace("\n", " ") + '"'


def _audio_media(plan: AudioPlan, default: int) -> str:
    language = plan.stream.language or "und"
    return (
        f'#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",NAME={_quoted(f"{plan.track} {language}")},'
        f"LANGUAGE={_quoted(language)},DEFAULT={'YES' if plan.track == default else 'NO'},"
        f'AUTOSELECT=YES,CHANNELS="{plan.channels}",URI="audio/{plan.track}/index.m3u8"'
    )


def master_playlist(plan: StreamPlan, default_audio: int = 0) -> str:
    audios = list(plan.audios)
    lines = ["#EXTM3U", "#EXT-X-VERSION:7", "#EXT-X-INDEPENDENT-SEGMENTS"]
    lines += [_audio_media(audio, default_audio) for audio in audios]
    audio_codecs = sorted({audio_codec_string(audio) for audio in audios})
    for video in plan.videos:
        codecs = ",".join([video_codec_string(video), *audio_codecs])
        attributes = f"BANDWIDTH={bandwidth(video, audios)},CODECS={_quoted(codecs)}"
        attributes += f",RESOLUTION={video.width}x{video.height}"
        if audios:
            attributes += ',AUDIO="audio"'
        lines += [f"#EXT-X-STREAM-INF:{attributes}", f"{video.name}/index.m3u8"]
    return "\n".join(lines) + "\n"


def media_playlist(duration_s: float) -> str:
    """Every segment of the whole file, known before any is made (a VOD playlist)."""
    count = segment_count(duration_s)
    lines = [
        "#EXTM3U",
        "#EXT-X-VERSION:7",
        f"#EXT-X-TARGETDURATION:{SEGMENT_S}",
        "#EXT-X-MEDIA-SEQUENCE:0",
        "#EXT-X-PLAYLIST-TYPE:VOD",
        "#EXT-X-INDEPENDENT-SEGMENTS",
        '#EXT-X-MAP:URI="init.mp4"',
    ]
    for n in range(count):
        length = min(SEGMENT_S, duration_s - n * SEGMENT_S) if duration_s else SEGMENT_S
        lines += [f"#EXTINF:{max(length, 0.001):.3f},", f"seg-{n}.m4s"]
    lines.append("#EXT-X-ENDLIST")
    return "\n".join(lines) + "\n"
