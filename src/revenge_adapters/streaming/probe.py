"""What streams a file holds: ffprobe's JSON when ffprobe exists, else the description
`ffmpeg -i` prints (a fixed, line-oriented format; only its own lines are read, never the
metadata values indented below them)."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path
from typing import Any

from revenge_adapters.streaming.tools import Tools
from revenge_domain.streaming import (
    AudioStream,
    MediaInfo,
    MediaUnreadable,
    SubtitleStream,
    VideoStream,
    commands,
)

_INPUT = re.compile(r"^Input #0, ([\w,]+), from ")
_DURATION = re.compile(r"^  Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?),.*bitrate: (\d+) kb/s")
_STREAM = re.compile(
    r"^  Stream #0:(\d+)(?:\[\w+\])?(?:\(([a-z]{2,3})\))?: (Video|Audio|Subtitle): (\w+)(.*)$"
)
_SIZE = re.compile(r", (\d{2,5})x(\d{2,5})")
_KBPS = re.compile(r"(\d+) kb/s")
_FPS = re.compile(r"([\d.]+) fps")
_PROFILE = re.compile(r"^ \(([^()]+)\)")
_CHANNELS = {"mono": 1, "stereo": 2, "2.1": 3, "quad": 4, "4.0": 4, "5.0": 5, "5.1": 6, "7.1": 8}
_LAYOUT = re.compile(r", (mono|stereo|2\.1|quad|4\.0|5\.0|5\.1|7\.1|(\d+) channels)")
_DEPTH = re.compile(r"p(9|10|12|14|16)(?:le|be)?\b")
MAX_OUTPUT = 1 << 20


def _depth(text: str) -> int:
    found = _DEPTH.search(text)
    return int(found.group(1)) if found else 8


def _stream_line(found: re.Match[str]) -> VideoStream | AudioStream | SubtitleStream:
    index, language = int(found.group(1)), found.group(2) or "und"
    kind, codec, rest = found.group(3), found.group(4).lower(), found.group(5)
    kbps = _KBPS.search(rest)
    bitrate = int(kbps.group(1)) if kbps else 0
    if kind == "Video":
        size, fps, profile = _SIZE.search(rest), _FPS.search(rest), _PROFILE.match(rest)
        width, height = (int(size.group(1)), int(size.group(2))) if size else (0, 0)
        return VideoStream(
            index, codec, width, height, _depth(rest), bitrate,
            float(fps.group(1)) if fps else 0.0, profile.group(1) if profile else "",
        )  # fmt: skip
    if kind == "Audio":
        layout = _LAYOUT.search(rest)
        channels = 2
        if layout:
            channels = int(layout.group(2)) if layout.group(2) else _CHANNELS[layout.group(1)]
        return AudioStream(index, codec, channels, language, bitrate, "(default)" in rest)
    return SubtitleStream(index, codec, language, "(forced)" in rest)


def parse_ffmpeg_banner(text: str) -> MediaInfo:
    """MediaInfo from what `ffmpeg -i FILE` prints on stderr."""
    container, duration, bitrate = "", 0.0, 0
    streams: list[VideoStream | AudioStream | SubtitleStream] = []
    for line in text.splitlines():
        if found := _INPUT.match(line):
            container = found.group(1)
        elif found := _DURATION.match(line):
            hours, minutes, seconds = found.group(1), found.group(2), found.group(3)
            duration = int(hours) * 3600 + int(minutes) * 60 + float(seconds)
            bitrate = int(found.group(4))
        elif found := _STREAM.match(line):
            streams.append(_stream_line(found))
    if not container:
        raise MediaUnreadable("ffmpeg cannot read the file")
    return _media(container, duration, bitrate, streams)


def _media(
    container: str,
    duration: float,
    bitrate: int,
    streams: list[VideoStream | AudioStream | SubtitleStream],
) -> MediaInfo:
    return MediaInfo(
        container=container,
        duration_s=duration,
        bitrate_kbps=bitrate,
        video=tuple(s for s in streams if isinstance(s, VideoStream)),
        audio=tuple(s for s in streams if isinstance(s, AudioStream)),
        subtitles=tuple(s for s in streams if isinstance(s, SubtitleStream)),
    )


def _number(value: Any, default: float = 0.0) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


def _rate(value: Any) -> float:
    top, _, bottom = str(value or "0/1").partition("/")
    return _number(top) / _number(bottom, 1.0) if _number(bottom, 1.0) else 0.0


def _ffprobe_stream(doc: dict[str, Any]) -> VideoStream | AudioStream | SubtitleStream | None:
    index, codec = int(doc.get("index", 0)), str(doc.get("codec_name") or "unknown")
    tags, disposition = doc.get("tags") or {}, doc.get("disposition") or {}
    language = str(tags.get("language") or "und")
    bitrate = int(_number(doc.get("bit_rate")) // 1000)
    match doc.get("codec_type"):
        case "video" if not disposition.get("attached_pic"):
            return VideoStream(
                index, codec, int(doc.get("width") or 0), int(doc.get("height") or 0),
                _depth(str(doc.get("pix_fmt") or "")), bitrate,
                _rate(doc.get("avg_frame_rate")), str(doc.get("profile") or ""),
            )  # fmt: skip
        case "audio":
            channels = int(doc.get("channels") or 2)
            default = bool(disposition.get("default"))
            return AudioStream(index, codec, channels, language, bitrate, default)
        case "subtitle":
            return SubtitleStream(index, codec, language, bool(disposition.get("forced")))
    return None


def parse_ffprobe(text: str) -> MediaInfo:
    doc: dict[str, Any] = json.loads(text)
    form = doc.get("format") or {}
    streams = [s for s in map(_ffprobe_stream, doc.get("streams") or []) if s is not None]
    if not form.get("format_name"):
        raise MediaUnreadable("ffprobe cannot read the file")
    bitrate = int(_number(form.get("bit_rate")) // 1000)
    return _media(str(form["format_name"]), _number(form.get("duration")), bitrate, streams)


async def _run(program: str, arguments: list[str], timeout_s: float) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        program,
        *arguments,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        out, err = await asyncio.wait_for(process.communicate(), timeout_s)
    except TimeoutError:
        process.kill()
        await process.wait()
        raise MediaUnreadable("probing the file took too long") from None
    return process.returncode or 0, _text(out), _text(err)


def _text(data: bytes) -> str:
    return data[:MAX_OUTPUT].decode("utf-8", "replace")


async def probe(tools: Tools, source: Path, timeout_s: float = 30.0) -> MediaInfo:
    """MediaUnreadable when the file is missing or neither tool can read it."""
    if not await asyncio.to_thread(source.is_file):
        raise MediaUnreadable("the file is gone from its library", {"file": source.name})
    if tools.ffprobe is not None:
        code, out, err = await _run(tools.ffprobe, commands.ffprobe(source), timeout_s)
        if code != 0:
            raise MediaUnreadable("ffprobe cannot read the file", {"reason": err[-300:]})
        return parse_ffprobe(out)
    _, _, err = await _run(tools.ffmpeg, commands.ffmpeg_probe(source), timeout_s)
    return parse_ffmpeg_banner(err)
