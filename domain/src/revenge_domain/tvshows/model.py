"""TV series with their seasons, episodes, credits, genres and networks, and per-user progress."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from datetime import date, datetime
from typing import Generic, TypeVar
from uuid import UUID

import attrs

from revenge_domain.errors import InvalidInput
from revenge_domain.paging import parse_order_by
from revenge_domain.ratings import ExternalRating

T = TypeVar("T")
MAX_PAGE = 100
MAX_BULK = 500
# Progress past this share of the duration counts as watched.
COMPLETED_SHARE = 0.9


class SeriesOrder(enum.Enum):
    """How series lists are sorted; every order ends on the id so pages are stable."""

    CREATED_AT = "created_at"
    TITLE = "title"
    FIRST_AIR_DATE = "first_air_date"
    VOTE_AVERAGE = "vote_average"
    POPULARITY = "popularity"


def parse_order(value: str) -> SeriesOrder:
    return parse_order_by(SeriesOrder, value)


@attrs.frozen
class Series:
    id: UUID
    library_id: UUID
    title: str
    original_language: str
    total_seasons: int
    total_episodes: int
    created_at: datetime
    updated_at: datetime
    tmdb_id: int | None = None
    tvdb_id: int | None = None
    imdb_id: str | None = None
    sonarr_id: int | None = None
    original_title: str | None = None
    tagline: str | None = None
    overview: str | None = None
    status: str | None = None
    type: str | None = None
    first_air_date: date | None = None
    last_air_date: date | None = None
    vote_average: float | None = None
    vote_count: int | None = None
    popularity: float | None = None
    poster_path: str | None = None
    backdrop_path: str | None = None
    trailer_url: str | None = None
    homepage: str | None = None
    external_ratings: tuple[ExternalRating, ...] = ()
    metadata_updated_at: datetime | None = None


@attrs.frozen
class Season:
    id: UUID
    series_id: UUID
    season_number: int
    name: str
    episode_count: int
    created_at: datetime
    updated_at: datetime
    tmdb_id: int | None = None
    overview: str | None = None
    poster_path: str | None = None
    air_date: date | None = None
    vote_average: float | None = None


@attrs.frozen
class Episode:
    id: UUID
    series_id: UUID
    season_id: UUID
    season_number: int
    episode_number: int
    title: str
    created_at: datetime
    updated_at: datetime
    tmdb_id: int | None = None
    tvdb_id: int | None = None
    imdb_id: str | None = None
    overview: str | None = None
    air_date: date | None = None
    runtime: int | None = None
    vote_average: float | None = None
    vote_count: int | None = None
    still_path: str | None = None
    production_code: str | None = None


@attrs.frozen
class Credit:
    id: UUID
    series_id: UUID
    tmdb_person_id: int
    name: str
    credit_type: str
    created_at: datetime
    updated_at: datetime
    person_id: UUID | None = None
    character: str | None = None
    cast_order: int | None = None
    job: str | None = None
    department: str | None = None
    profile_path: str | None = None


@attrs.frozen
class Genre:
    id: UUID
    series_id: UUID
    slug: str
    name: str
    created_at: datetime


@attrs.frozen
class Network:
    id: UUID
    name: str
    created_at: datetime
    updated_at: datetime
    tmdb_id: int | None = None
    logo_path: str | None = None
    origin_country: str | None = None


@attrs.frozen
class Progress:
    """One user's watch state of one episode."""

    id: UUID
    user_id: UUID
    episode_id: UUID
    progress_seconds: int
    duration_seconds: int
    is_completed: bool
    created_at: datetime
    updated_at: datetime
    last_watched_at: datetime | None = None


@attrs.frozen
class Page(Generic[T]):
    items: list[T]
    total: int


@attrs.frozen
class WatchedEpisode:
    """An episode of a series and whether the user has completed it."""

    episode: Episode
    completed: bool


def is_completed(progress_seconds: int, duration_seconds: int) -> bool:
    return progress_seconds > duration_seconds * COMPLETED_SHARE


def next_episode(episodes: Sequence[WatchedEpisode]) -> Episode | None:
    """The first episode in season and episode order the user has not completed.

    Specials (season 0) stand outside the running order, so they are never "next".
    """
    in_order = sorted(
        (watched for watched in episodes if watched.episode.season_number > 0),
        key=lambda watched: (watched.episode.season_number, watched.episode.episode_number),
    )
    return next((watched.episode for watched in in_order if not watched.completed), None)


def bulk_ids(episode_ids: Sequence[UUID]) -> list[UUID]:
    """The distinct ids to mark, in the order given; 1 to MAX_BULK of them."""
    distinct = list(dict.fromkeys(episode_ids))
    if not 1 <= len(distinct) <= MAX_BULK:
        raise InvalidInput(f"episode_ids must hold 1 to {MAX_BULK} ids", {"field": "episode_ids"})
    return distinct
