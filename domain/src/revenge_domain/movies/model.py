"""The movie catalogue as clients read it: movies and what hangs off them, watch state, pages,
orders and watch rules."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from datetime import date, datetime
from typing import Generic, TypeVar
from uuid import UUID

import attrs

from revenge_domain.errors import InvalidInput
from revenge_domain.media_files import MediaFile
from revenge_domain.paging import parse_order_by
from revenge_domain.ratings import ExternalRating

T = TypeVar("T")

# Watched past this share of its duration, a movie counts as seen.
COMPLETED_PERCENT = 90


class MovieOrder(enum.Enum):
    TITLE = "title"
    YEAR = "year"
    ADDED = "added"
    RATING = "rating"


def parse_order(value: str) -> MovieOrder:
    return parse_order_by(MovieOrder, value)


def completes(progress_seconds: int, duration_seconds: int) -> bool:
    """The completion rule: more than 90 % of the duration was watched."""
    return progress_seconds * 100 > duration_seconds * COMPLETED_PERCENT


def check_progress(progress_seconds: int, duration_seconds: int) -> None:
    if progress_seconds < 0:
        raise InvalidInput("progress_seconds must not be negative", {"field": "progress_seconds"})
    if duration_seconds < 1:
        raise InvalidInput("duration_seconds must be at least 1", {"field": "duration_seconds"})


@attrs.frozen
class Page(Generic[T]):
    """One page of a list and how many items the whole list has."""

    items: Sequence[T]
    total: int


@attrs.frozen
class Movie:
    """A movie with its texts in the reader's language."""

    id: UUID
    title: str
    library_added_at: datetime
    created_at: datetime
    updated_at: datetime
    tmdb_id: int | None = None
    imdb_id: str | None = None
    original_title: str | None = None
    year: int | None = None
    release_date: date | None = None
    runtime: int | None = None
    overview: str | None = None
    tagline: str | None = None
    status: str | None = None
    original_language: str | None = None
    poster_path: str | None = None
    backdrop_path: str | None = None
    trailer_url: str | None = None
    vote_average: float | None = None
    vote_count: int | None = None
    popularity: float | None = None
    budget: int | None = None
    revenue: int | None = None
    metadata_updated_at: datetime | None = None
    radarr_id: int | None = None
    external_ratings: tuple[ExternalRating, ...] = ()


@attrs.frozen(kw_only=True)
class MovieFile(MediaFile):
    movie_id: UUID
    framerate: float | None = None
    dynamic_range: str | None = None
    color_space: str | None = None
    audio_channels: str | None = None
    radarr_file_id: int | None = None
    last_scanned_at: datetime | None = None
    is_monitored: bool | None = None


@attrs.frozen
class GenreTag:
    """A genre as a list item carries it."""

    slug: str
    name: str


@attrs.frozen
class MovieGenre:
    id: UUID
    movie_id: UUID
    slug: str
    name: str
    created_at: datetime


@attrs.frozen
class GenreCount:
    """A genre of the directory: how many readable movies and series carry it."""

    slug: str
    name: str
    movie_count: int
    tvshow_count: int


@attrs.frozen
class Credit:
    id: UUID
    movie_id: UUID
    name: str
    credit_type: str
    created_at: datetime
    updated_at: datetime
    tmdb_person_id: int | None = None
    character: str | None = None
    job: str | None = None
    department: str | None = None
    cast_order: int | None = None
    profile_path: str | None = None


@attrs.frozen
class Collection:
    id: UUID
    name: str
    created_at: datetime
    updated_at: datetime
    tmdb_collection_id: int | None = None
    overview: str | None = None
    poster_path: str | None = None
    backdrop_path: str | None = None


@attrs.frozen
class SimilarMovie:
    """A readable movie like another, and how many genres they share."""

    id: UUID
    title: str
    shared_genres: int
    tmdb_id: int | None = None
    original_title: str | None = None
    overview: str | None = None
    release_date: date | None = None
    poster_path: str | None = None
    backdrop_path: str | None = None
    vote_average: float | None = None
    vote_count: int | None = None
    popularity: float | None = None
    in_library: bool = True


@attrs.frozen
class SimilarMovies:
    movie_id: UUID
    similar_movies: list[SimilarMovie]
    total_results: int


@attrs.frozen
class WatchState:
    """How far one user got through one movie."""

    progress_seconds: int
    progress_percent: int
    is_completed: bool
    watch_count: int
    last_watched_at: datetime
    duration_seconds: int | None = None


@attrs.frozen(kw_only=True)
class WatchRecord(WatchState):
    """The stored watch state of one user and movie."""

    id: UUID
    user_id: UUID
    movie_id: UUID
    created_at: datetime
    updated_at: datetime


@attrs.frozen
class ListedMovie(Movie):
    """A movie of a list page, with its genres and files."""

    genres: list[GenreTag] = attrs.Factory(list)
    files: list[MovieFile] = attrs.Factory(list)


@attrs.frozen
class MoviePage:
    """A page of movies and the reader's progress through each (None where not started)."""

    items: Sequence[ListedMovie]
    total: int
    progress: list[WatchState | None]


@attrs.frozen(kw_only=True)
class ResumableMovie(Movie):
    """A started, unfinished movie with the reader's watch state beside its fields."""

    progress_seconds: int
    duration_seconds: int | None
    progress_percent: int
    is_completed: bool
    watch_count: int
    last_watched_at: datetime


@attrs.frozen(kw_only=True)
class WatchedMovie(Movie):
    """A movie of the reader's history."""

    watch_count: int
    last_watched_at: datetime


@attrs.frozen
class WatchStats:
    watched_count: int
    in_progress_count: int
    total_watches: int
