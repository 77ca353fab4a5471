"""The names a stream URL may carry. Each is matched whole against a fixed pattern before any
file is looked at, so no request string ever becomes part of a path or an argument."""

from __future__ import annotations

import re

from revenge_domain.errors import NotFound

PROFILE = re.compile(r"original|[1-9][0-9]{2,3}p")
TRACK = re.compile(r"[0-9]{1,2}")
SEGMENT = re.compile(r"seg-([0-9]{1,6})\.m4s")
SUBTITLE = re.compile(r"([0-9]{1,2})\.vtt")
INIT, INDEX = "init.mp4", "index.m3u8"


class StreamNotFound(NotFound):
    """No such profile, track, subtitle or segment in the session."""


def not_found(what: str) -> StreamNotFound:
    return StreamNotFound(f"no such {what} in this playback session")


def profile_name(name: str) -> str:
    if not PROFILE.fullmatch(name):
        raise not_found("profile")
    return name


def track_number(name: str) -> int:
    if not TRACK.fullmatch(name):
        raise not_found("track")
    return int(name)


def subtitle_number(name: str) -> int:
    found = SUBTITLE.fullmatch(name)
    if found is None:
        raise not_found("subtitle track")
    return int(found.group(1))


def segment_number(name: str) -> int | None:
    """The segment's number; None for the init segment; StreamNotFound for anything else."""
    if name == INIT:
        return None
    found = SEGMENT.fullmatch(name)
    if found is None:
        raise not_found("segment")
    return int(found.group(1))
