"""The `MediaProber` port with ffprobe (Debian package `ffmpeg`), run as a subprocess with JSON
output; a few at a time so a scan does not flood the machine."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
from typing import Any

from revenge_domain.scanning.model import MediaInfo, Probe

ARGS = ("-v", "error", "-print_format", "json", "-show_format", "-show_streams")
CONTAINERS = {"matroska": "mkv", "mov": "mp4", "mpegts": "ts", "avi": "avi"}


def find_ffprobe(name: str = "ffprobe") -> str | None:
    """The ffprobe executable, or None when it is not installed (then nothing is probed)."""
    return shutil.which(name)


def _languages(streams: list[dict[str, Any]], kind: str) -> tuple[str, ...]:
    found: list[str] = []
    for stream in streams:
        language = str((stream.get("tags") or {}).get("language") or "")
        if stream.get("codec_type") == kind and language not in ("", "und", *found):
            found.append(language)
    return tuple(found)


def _number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _container(path: str, format_name: str) -> str | None:
    names = [name for name in format_name.split(",") if name]
    extension = os.path.splitext(path)[1].lower().lstrip(".")
    if extension in names:
        return extension
    return CONTAINERS.get(names[0], names[0]) if names else None


def media_info(path: str, data: dict[str, Any]) -> MediaInfo:
    streams: list[dict[str, Any]] = data.get("streams") or []
    found = data.get("format") or {}
    video = next((s for s in streams if s.get("codec_type") == "video"), {})
    audio = next((s for s in streams if s.get("codec_type") == "audio"), {})
    bitrate = _number(found.get("bit_rate"))
    return MediaInfo(
        duration_s=_number(found.get("duration")),
        container=_container(path, str(found.get("format_name", ""))),
        video_codec=video.get("codec_name"),
        audio_codec=audio.get("codec_name"),
        width=video.get("width"),
        height=video.get("height"),
        bitrate_kbps=round(bitrate / 1000) if bitrate else None,
        audio_languages=_languages(streams, "audio"),
        subtitle_languages=_languages(streams, "subtitle"),
    )


class FfprobeProber:
    def __init__(self, executable: str, timeout_s: float = 30.0, at_once: int = 2) -> None:
        self._executable, self._timeout_s = executable, timeout_s
        self._slots = asyncio.Semaphore(at_once)

    async def probe(self, path: str) -> Probe:
        async with self._slots:
            try:
                process = await asyncio.create_subprocess_exec(
                    self._executable,
                    *ARGS,
                    path,
                    stdin=asyncio.subprocess.DEVNULL,
                    stdout=asyncio.subprocess.PIPE,
                    stderr=asyncio.subprocess.PIPE,
                )
            except OSError as exc:
                return Probe(error=f"ffprobe could not start: {exc.strerror or exc}")
            return await self._answer(process, path)

    async def _answer(self, process: asyncio.subprocess.Process, path: str) -> Probe:
        try:
            out, err = await asyncio.wait_for(process.communicate(), self._timeout_s)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()
            return Probe(error=f"ffprobe took longer than {self._timeout_s:g} s")
        if process.returncode != 0:
            message = err.decode("utf-8", "replace").strip().splitlines()
            return Probe(error=(message[-1] if message else f"ffprobe exit {process.returncode}"))
        try:
            return Probe(info=media_info(path, json.loads(out)))
        except (ValueError, AttributeError) as exc:
            return Probe(error=f"ffprobe answered something unreadable: {exc}")
