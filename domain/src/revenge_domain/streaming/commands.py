"""ffmpeg argument lists. Built only from our own tables, numbers and paths: a codec name,
title or file name read from a file or a request never becomes an argument (the source is
passed as `file:<absolute path>`, which ffmpeg cannot read as an option or another protocol)."""

from __future__ import annotations

from pathlib import PurePath

from revenge_domain.streaming.decision import AudioPlan, VideoPlan
from revenge_domain.streaming.hls import SEGMENT_S, h264_level

PLAYLIST = "ffmpeg.m3u8"
_COMMON = ["-nostdin", "-hide_banner", "-loglevel", "error", "-y"]
_LEVELS = {30: "3.0", 31: "3.1", 40: "4.0", 51: "5.1", 52: "5.2"}
# The encoder settings of a software H.264 transcode (hardware encoders are not used yet).
X264_PRESET = "veryfast"


def source_argument(source: PurePath) -> str:
    if not source.is_absolute():
        raise ValueError("media sources are absolute paths")
    return f"file:{source}"


def _input(source: PurePath, start_s: float) -> list[str]:
    seek = ["-ss", f"{start_s:.3f}"] if start_s > 0 else []
    return [*seek, "-i", source_argument(source)]


def _hls_output(out_dir: PurePath, start_segment: int, start_s: float) -> list[str]:
    return [
        "-map_metadata", "-1",
        "-map_chapters", "-1",
        "-output_ts_offset", f"{start_s:.3f}",
        "-f", "hls",
        "-hls_time", str(SEGMENT_S),
        "-hls_segment_type", "fmp4",
        "-hls_playlist_type", "event",
        "-hls_list_size", "0",
        "-start_number", str(start_segment),
        "-hls_fmp4_init_filename", "init.mp4",
        # Each fragment's decode time is its time in the file, also after a restart.
        "-hls_segment_options", "movflags=+frag_discont",
        "-hls_segment_filename", str(out_dir / "seg-%d.m4s"),
        str(out_dir / PLAYLIST),
    ]  # fmt: skip


def video_codec_arguments(plan: VideoPlan) -> list[str]:
    if plan.copy:
        tag = ["-tag:v", "hvc1"] if plan.stream.codec == "hevc" else []
        return ["-c:v", "copy", *tag]
    kbps = plan.bitrate_kbps
    return [
        "-c:v", "libx264",
        "-preset", X264_PRESET,
        "-profile:v", "high",
        "-level:v", _LEVELS.get(h264_level(plan.height), "4.0"),
        "-pix_fmt", "yuv420p",
        "-vf", f"scale={plan.width}:{plan.height}",
        "-b:v", f"{kbps}k",
        "-maxrate", f"{kbps * 3 // 2}k",
        "-bufsize", f"{kbps * 2}k",
        "-force_key_frames", f"expr:gte(t,n_forced*{SEGMENT_S})",
        "-sc_threshold", "0",
    ]  # fmt: skip


def video_hls(
    source: PurePath, plan: VideoPlan, out_dir: PurePath, start_segment: int
) -> list[str]:
    """One video profile from `start_segment` on, as fMP4 HLS segments in `out_dir`."""
    start_s = start_segment * SEGMENT_S
    return [
        *_COMMON,
        *_input(source, start_s),
        "-map", f"0:{plan.stream.index}",
        *video_codec_arguments(plan),
        "-an", "-sn", "-dn",
        *_hls_output(out_dir, start_segment, start_s),
    ]  # fmt: skip


def audio_codec_arguments(plan: AudioPlan) -> list[str]:
    if plan.copy:
        return ["-c:a", "copy"]
    return ["-c:a", "aac", "-ac", str(plan.channels), "-b:a", f"{plan.bitrate_kbps}k"]


def audio_hls(
    source: PurePath, plan: AudioPlan, out_dir: PurePath, start_segment: int
) -> list[str]:
    """One audio track from `start_segment` on, as its own rendition."""
    start_s = start_segment * SEGMENT_S
    return [
        *_COMMON,
        *_input(source, start_s),
        "-map", f"0:{plan.stream.index}",
        *audio_codec_arguments(plan),
        "-vn", "-sn", "-dn",
        *_hls_output(out_dir, start_segment, start_s),
    ]  # fmt: skip


def subtitle_webvtt(source: PurePath, stream_index: int, out_file: PurePath) -> list[str]:
    return [
        *_COMMON,
        *_input(source, 0),
        "-map", f"0:{stream_index}",
        "-map_metadata", "-1",
        "-c:s", "webvtt",
        "-f", "webvtt",
        str(out_file),
    ]  # fmt: skip


def ffprobe(source: PurePath) -> list[str]:
    return [
        "-v", "error",
        "-print_format", "json",
        "-show_format", "-show_streams",
        source_argument(source),
    ]  # fmt: skip


def ffmpeg_probe(source: PurePath) -> list[str]:
    """`ffmpeg -i` alone: it describes the input on stderr and exits (no output given)."""
    return ["-nostdin", "-hide_banner", "-i", source_argument(source)]
