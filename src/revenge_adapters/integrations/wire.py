"""Radarr and Sonarr v3 JSON read into domain values (both share these shapes)."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from revenge_domain.integrations.model import (
    ArrEpisode,
    ArrFile,
    ArrMovie,
    ArrSeries,
    ArrSystem,
    IntegrationUnreachable,
    QualityProfile,
    RootFolder,
)
from revenge_domain.scanning.model import MediaInfo

_SIZE = re.compile(r"^(\d+)x(\d+)$")


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _moment(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")) if _text(value) else None
    except ValueError:
        return None


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if _text(value) else None
    except ValueError:
        return None


def _seconds(run_time: Any) -> float | None:
    """`2:50:12` or `50:12` as seconds."""
    if not _text(run_time):
        return None
    try:
        parts = [float(part) for part in run_time.split(":")]
    except ValueError:
        return None
    total = 0.0
    for part in parts:
        total = total * 60 + part
    return total or None


def _list(raw: Any) -> list[dict[str, Any]]:
    if not isinstance(raw, list):
        raise IntegrationUnreachable("the answer was not a list")
    return [item for item in raw if isinstance(item, dict)]


def system(raw: Any) -> ArrSystem:
    raw = raw if isinstance(raw, dict) else {}
    return ArrSystem(
        _text(raw.get("version")), _text(raw.get("instanceName")), _moment(raw.get("startTime"))
    )


def quality_profiles(raw: Any) -> list[QualityProfile]:
    return [
        QualityProfile(
            item["id"],
            str(item.get("name", "")),
            item.get("upgradeAllowed"),
            _int(item.get("cutoff")),
            _int(item.get("minFormatScore")),
        )
        for item in _list(raw)
        if _int(item.get("id")) is not None
    ]


def root_folders(raw: Any) -> list[RootFolder]:
    return [
        RootFolder(
            item["id"],
            str(item.get("path", "")),
            bool(item.get("accessible")),
            _int(item.get("freeSpace")),
        )
        for item in _list(raw)
        if _int(item.get("id")) is not None
    ]


def _media(raw: Any, quality_height: int | None) -> MediaInfo | None:
    info = raw if isinstance(raw, dict) else {}
    size = _SIZE.match(str(info.get("resolution") or ""))
    # The quality's nominal height names the resolution (a 1920x800 scope film is 1080p).
    width = int(size[1]) if size else None
    height = quality_height or (int(size[2]) if size else None)
    media = MediaInfo(
        duration_s=_seconds(info.get("runTime")),
        video_codec=_text(info.get("videoCodec")),
        audio_codec=_text(info.get("audioCodec")),
        width=width,
        height=height,
    )
    return None if media == MediaInfo() else media


def arr_file(raw: dict[str, Any], folder: str | None = None) -> ArrFile | None:
    """A movie or episode file; its path from `path`, else `folder` + `relativePath`."""
    path = _text(raw.get("path"))
    relative = _text(raw.get("relativePath"))
    if path is None and folder and relative:
        path = folder.rstrip("/") + "/" + relative
    file_id = _int(raw.get("id"))
    if path is None or file_id is None:
        return None
    quality = (raw.get("quality") or {}).get("quality") or {}
    return ArrFile(
        file_id,
        path,
        _int(raw.get("size")) or 0,
        _text(quality.get("name")),
        _media(raw.get("mediaInfo"), _int(quality.get("resolution"))),
    )


def movie(raw: Any) -> ArrMovie:
    if not isinstance(raw, dict) or _int(raw.get("id")) is None:
        raise IntegrationUnreachable("Radarr answered a movie without an id")
    path = str(raw.get("path") or "")
    file_raw = raw.get("movieFile")
    has_file = raw.get("hasFile") is not False and isinstance(file_raw, dict)
    return ArrMovie(
        raw["id"],
        str(raw.get("title") or ""),
        path,
        _int(raw.get("year")) or None,
        _int(raw.get("tmdbId")) or None,
        _text(raw.get("imdbId")),
        arr_file(file_raw, path) if has_file and isinstance(file_raw, dict) else None,
    )


def movies(raw: Any) -> list[ArrMovie]:
    return [movie(item) for item in _list(raw)]


def series(raw: Any) -> ArrSeries:
    if not isinstance(raw, dict) or _int(raw.get("id")) is None:
        raise IntegrationUnreachable("Sonarr answered a series without an id")
    return ArrSeries(
        raw["id"],
        str(raw.get("title") or ""),
        str(raw.get("path") or ""),
        _int(raw.get("year")) or None,
        _int(raw.get("tvdbId")) or None,
        _int(raw.get("tmdbId")) or None,
        _text(raw.get("imdbId")),
    )


def episodes(raw: Any) -> list[ArrEpisode]:
    found = []
    for item in _list(raw):
        episode_id, season, number = (
            _int(item.get(key)) for key in ("id", "seasonNumber", "episodeNumber")
        )
        if episode_id is None or season is None or number is None:
            continue
        found.append(
            ArrEpisode(
                episode_id,
                season,
                number,
                _text(item.get("title")),
                _text(item.get("overview")),
                _day(item.get("airDate")),
                _int(item.get("episodeFileId")) or None,
            )
        )
    return found


def all_series(raw: Any) -> list[ArrSeries]:
    return [series(item) for item in _list(raw)]


def episode_files(raw: Any) -> list[ArrFile]:
    files = (arr_file(item) for item in _list(raw))
    return [file for file in files if file is not None]
