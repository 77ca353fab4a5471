"""Fields the upstream web client reads beside the contract's own (our additions, documented as
such in the OpenAPI document). Each one repeats a contract field under the client's name, or
nests contract fields as the client expects; no contract field changes. The fields a read model
answers with wherever it is written are declared with the converter (`http/answers.py`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

Json = dict[str, Any]

_WATCH_FIELDS = frozenset(
    {
        "progress_seconds",
        "duration_seconds",
        "progress_percent",
        "is_completed",
        "watch_count",
        "last_watched_at",
    }
)


def with_codec(file: Mapping[str, Any]) -> Json:
    """A media file with `codec` (the client's word for its `video_codec`)."""
    return {**file, "codec": file.get("video_codec")}


def _progress(item: Mapping[str, Any], user_id: UUID, **ids: Any) -> Json:
    return {
        **ids,
        "user_id": str(user_id),
        "position_seconds": item["progress_seconds"],
        "duration_seconds": item.get("duration_seconds"),
        "percentage": item.get("progress_percent") or 0,
        "completed": bool(item.get("is_completed", False)),
        "last_watched_at": item["last_watched_at"],
    }


def movie_resume(item: Mapping[str, Any], user_id: UUID) -> Json:
    """A continue-watching movie with `movie` and `progress` nested beside its flat fields."""
    movie = {name: value for name, value in item.items() if name not in _WATCH_FIELDS}
    progress = _progress(item, user_id, movie_id=item["id"])
    return {**item, "movie": movie, "progress": progress}


def episode_resume(point: Mapping[str, Any], user_id: UUID) -> Json:
    """A continue-watching episode with `series`, `episode` and `progress` nested beside it."""
    series = {
        "id": point["series_id"],
        "title": point["series_title"],
        "name": point["series_title"],
        "poster_path": point.get("series_poster_path"),
    }
    episode = {
        "id": point["episode_id"],
        "series_id": point["series_id"],
        "season_number": point["season_number"],
        "episode_number": point["episode_number"],
        "title": point["episode_title"],
        "name": point["episode_title"],
    }
    progress = _progress(point, user_id, episode_id=point["episode_id"])
    return {**point, "series": series, "episode": episode, "progress": progress}
