"""Which ffmpeg and ffprobe run: the system's when on PATH, else the static ffmpeg inside the
imageio-ffmpeg wheel (libx264, aac, the hls/mp4/webvtt muxers; it has no ffprobe, so probing
falls back to reading `ffmpeg -i`)."""

from __future__ import annotations

import shutil

import attrs


@attrs.frozen
class Tools:
    ffmpeg: str
    ffprobe: str | None = None


def find_tools(ffmpeg: str = "ffmpeg", ffprobe: str = "ffprobe") -> Tools:
    system_ffmpeg = shutil.which(ffmpeg)
    if system_ffmpeg is None:
        import imageio_ffmpeg  # type: ignore[import-untyped]

        bundled: str = imageio_ffmpeg.get_ffmpeg_exe()
        return Tools(bundled, shutil.which(ffprobe))
    return Tools(system_ffmpeg, shutil.which(ffprobe))
