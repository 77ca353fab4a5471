"""Jobs that call metadata providers; nothing calls a provider in the request path.

Kinds, queues and attempts follow the upstream job table; scans enqueue the refreshes of what
they created, the refresh endpoints enqueue them with `force`.
"""

from __future__ import annotations

from typing import ClassVar
from uuid import UUID

import attrs

from revenge_domain.jobs import Job, Queue

_HALF_HOUR = 1800.0


@attrs.frozen
class _Refresh(Job):
    queue: ClassVar[Queue] = Queue.DEFAULT
    max_attempts: ClassVar[int] = 5
    unique_for_s: ClassVar[float | None] = _HALF_HOUR

    force: bool = False
    languages: tuple[str, ...] = ()


@attrs.frozen
class RefreshMovieMetadata(_Refresh):
    kind: ClassVar[str] = "metadata_refresh_movie"

    movie_id: UUID = attrs.field(kw_only=True)


@attrs.frozen
class RefreshSeriesMetadata(_Refresh):
    kind: ClassVar[str] = "metadata_refresh_tvshow"
    timeout_s: ClassVar[float] = 600.0

    series_id: UUID = attrs.field(kw_only=True)
    include_seasons: bool = True
    include_episodes: bool = True


@attrs.frozen
class RefreshSeasonMetadata(_Refresh):
    kind: ClassVar[str] = "metadata_refresh_season"

    series_id: UUID = attrs.field(kw_only=True)
    season_id: UUID = attrs.field(kw_only=True)
    season_number: int = attrs.field(kw_only=True)
    include_episodes: bool = True


@attrs.frozen
class RefreshEpisodeMetadata(_Refresh):
    kind: ClassVar[str] = "metadata_refresh_episode"

    series_id: UUID = attrs.field(kw_only=True)
    season_id: UUID = attrs.field(kw_only=True)
    episode_id: UUID = attrs.field(kw_only=True)
    season_number: int = attrs.field(kw_only=True)
    episode_number: int = attrs.field(kw_only=True)


@attrs.frozen
class RefreshPersonMetadata(_Refresh):
    kind: ClassVar[str] = "metadata_refresh_person"
    max_attempts: ClassVar[int] = 3
    timeout_s: ClassVar[float] = 120.0

    person_id: UUID = attrs.field(kw_only=True)


@attrs.frozen
class EnrichContent(_Refresh):
    """External ratings (OMDb) and extra artwork (Fanart.tv) for one movie or series."""

    kind: ClassVar[str] = "metadata_enrich_content"
    unique_for_s: ClassVar[float | None] = 3600.0

    content_type: str = attrs.field(kw_only=True)  # "movie" or "tvshow"
    content_id: UUID = attrs.field(kw_only=True)


@attrs.frozen
class DownloadImage(Job):
    """Fetch one provider image into the on-disk image cache (cache warming)."""

    kind: ClassVar[str] = "metadata_download_image"
    queue: ClassVar[Queue] = Queue.DEFAULT
    timeout_s: ClassVar[float] = 120.0
    unique_for_s: ClassVar[float | None] = 3600.0

    image_type: str  # poster, backdrop, profile, still, logo
    path: str  # the provider's path, e.g. "/abc.jpg"
    size: str = "original"
