"""Tiny media files made with ffmpeg for the streaming tests (320x180, 10 s, ultrafast)."""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

SIZE, SECONDS = "320x180", "10"
SRT = """1
00:00:01,000 --> 00:00:03,000
Hello there

2
00:00:05,000 --> 00:00:07,000
Second line
"""


def ffmpeg() -> str:
    found = shutil.which("ffmpeg")
    if found is None:
        import imageio_ffmpeg  # type: ignore[import-untyped]

        bundled: str = imageio_ffmpeg.get_ffmpeg_exe()
        return bundled
    return found


def _run(*arguments: str) -> None:
    base = [ffmpeg(), "-nostdin", "-hide_banner", "-loglevel", "error", "-y"]
    subprocess.run([*base, *arguments], check=True, timeout=120)


def _picture(size: str = SIZE) -> list[str]:
    return ["-f", "lavfi", "-i", f"testsrc2=size={size}:rate=24"]


def _tone(hz: int) -> list[str]:
    return ["-f", "lavfi", "-i", f"sine=frequency={hz}:sample_rate=48000"]


def h264_aac_mp4(target: Path, size: str = SIZE, seconds: str = SECONDS) -> Path:
    _run(
        *_picture(size), *_tone(440), "-t", seconds, "-map", "0", "-map", "1",
        "-c:v", "libx264", "-preset", "ultrafast", "-g", "48", "-pix_fmt", "yuv420p",
        "-c:a", "aac", "-ac", "2", "-movflags", "+faststart", str(target),
    )  # fmt: skip
    return target


def h264_ac3_dts_mkv(target: Path) -> Path:
    _run(
        *_picture(), *_tone(440), *_tone(660), "-t", SECONDS,
        "-map", "0", "-map", "1", "-map", "2",
        "-c:v", "libx264", "-preset", "ultrafast", "-g", "48", "-pix_fmt", "yuv420p",
        "-c:a:0", "ac3", "-ac:a:0", "6", "-c:a:1", "dca", "-strict", "-2",
        "-metadata:s:a:0", "language=eng", "-metadata:s:a:1", "language=deu", str(target),
    )  # fmt: skip
    return target


def hevc10_srt_mkv(target: Path, seconds: str = SECONDS) -> Path:
    subtitles = target.with_suffix(".srt")
    subtitles.write_text(SRT)
    _run(
        *_picture(), *_tone(440), "-i", str(subtitles), "-t", seconds,
        "-map", "0", "-map", "1", "-map", "2",
        "-c:v", "libx265", "-preset", "ultrafast", "-pix_fmt", "yuv420p10le",
        "-x265-params", "log-level=error", "-c:a", "aac", "-c:s", "srt",
        "-metadata:s:s:0", "language=eng", str(target),
    )  # fmt: skip
    return target


def hostile_mkv(target: Path) -> Path:
    """H.264 and AC-3 whose title, language and handler tags read like ffmpeg options."""
    _run(
        *_picture(), *_tone(440), "-t", "4", "-map", "0", "-map", "1",
        "-c:v", "libx264", "-preset", "ultrafast", "-g", "48", "-pix_fmt", "yuv420p",
        "-c:a", "ac3", "-metadata", "title=-i /etc/passwd -y /tmp/pwned-by-metadata",
        "-metadata:s:a:0", "language=-f null", "-metadata:s:a:0", "title=-i /etc/passwd",
        str(target),
    )  # fmt: skip
    return target


def _pgs_segment(pts: int, kind: int, data: bytes) -> bytes:
    return b"PG" + struct.pack(">IIBH", pts, 0, kind, len(data)) + data


def pgs_sup(seconds: tuple[float, ...]) -> bytes:
    """A PGS stream of empty presentations (ffmpeg has no PGS encoder): a presentation
    composition and an end segment at each of `seconds`."""
    stream = b""
    for number, at in enumerate(seconds):
        pts = int(at * 90000)
        composition = struct.pack(">HHBHBBBB", 320, 180, 0x10, number, 0x80, 0, 0, 0)
        stream += _pgs_segment(pts, 0x16, composition) + _pgs_segment(pts, 0x80, b"")
    return stream


def h264_pgs_mkv(target: Path) -> Path:
    sup = target.with_suffix(".sup")
    sup.write_bytes(pgs_sup((1.0, 3.0)))
    _run(
        *_picture(), *_tone(440), "-i", str(sup), "-t", "4", "-map", "0", "-map", "1", "-map", "2",
        "-c:v", "libx264", "-preset", "ultrafast", "-g", "48", "-pix_fmt", "yuv420p",
        "-c:a", "aac", "-c:s", "copy", "-metadata:s:s:0", "language=fra", str(target),
    )  # fmt: skip
    return target
