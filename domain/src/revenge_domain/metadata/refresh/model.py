"""What a refresh writes into the catalogue, independent of any provider and of SQL.

The use cases turn provider values into these; the catalogue writers store them, each in one
transaction, changing only what differs (so a second run with the same data changes nothing).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Mapping
from uuid import UUID

import attrs

from revenge_domain.ratings import ExternalRating


class Outcome(enum.StrEnum):
    """How the last refresh of an item ended (kept per item, so `force=False` can skip it)."""

    REFRESHED = "refreshed"
    NOT_FOUND = "not_found"


@attrs.frozen
class LastRefresh:
    outcome: Outcome
    at: dt.datetime


@attrs.frozen
class Texts:
    """Titles and texts of an item in one language (the `*_i18n` columns)."""

    language: str
    title: str | None = None
    overview: str | None = None
    tagline: str | None = None


@attrs.frozen
class PersonFacts:
    """A person as a credit names them; stored in `shared.people`, found by TMDb id."""

    tmdb_id: int
    name: str
    profile_path: str | None = None
    gender: int = 0
    known_for_department: str | None = None


@attrs.frozen
class CastCredit:
    person: PersonFacts
    character: str
    order: int


@attrs.frozen
class CrewCredit:
    person: PersonFacts
    job: str
    department: str


@attrs.frozen
class GenreTag:
    name: str
    slug: str


@attrs.frozen
class CollectionFacts:
    tmdb_id: int
    name: str
    poster_path: str | None = None
    backdrop_path: str | None = None


@attrs.frozen
class NetworkFacts:
    tmdb_id: int
    name: str
    logo_path: str | None = None
    origin_country: str | None = None


@attrs.frozen
class MovieFacts:
    tmdb_id: int
    imdb_id: str | None = None
    original_title: str | None = None
    original_language: str | None = None
    overview: str | None = None
    tagline: str | None = None
    runtime: int | None = None
    release_date: dt.date | None = None
    status: str | None = None
    vote_average: float | None = None
    vote_count: int | None = None
    popularity: float | None = None
    poster_path: str | None = None
    backdrop_path: str | None = None
    budget: int | None = None
    revenue: int | None = None
    trailer_url: str | None = None
    age_ratings: Mapping[str, str] = attrs.field(factory=dict)
    texts: tuple[Texts, ...] = ()
    genres: tuple[GenreTag, ...] = ()
    cast: tuple[CastCredit, ...] = ()
    crew: tuple[CrewCredit, ...] = ()
    collection: CollectionFacts | None = None


@attrs.frozen
class SeriesFacts:
    tmdb_id: int
    tvdb_id: int | None = None
    imdb_id: str | None = None
    original_title: str | None = None
    original_language: str | None = None
    overview: str | None = None
    tagline: str | None = None
    status: str | None = None
    type: str | None = None
    first_air_date: dt.date | None = None
    last_air_date: dt.date | None = None
    vote_average: float | None = None
    vote_count: int | None = None
    popularity: float | None = None
    poster_path: str | None = None
    backdrop_path: str | None = None
    homepage: str | None = None
    trailer_url: str | None = None
    total_seasons: int | None = None
    total_episodes: int | None = None
    age_ratings: Mapping[str, str] = attrs.field(factory=dict)
    texts: tuple[Texts, ...] = ()
    genres: tuple[GenreTag, ...] = ()
    cast: tuple[CastCredit, ...] = ()
    crew: tuple[CrewCredit, ...] = ()
    networks: tuple[NetworkFacts, ...] = ()


@attrs.frozen
class EpisodeFacts:
    episode_number: int
    tmdb_id: int | None = None
    title: str | None = None
    overview: str | None = None
    air_date: dt.date | None = None
    runtime: int | None = None
    still_path: str | None = None
    vote_average: float | None = None
    vote_count: int | None = None
    production_code: str | None = None
    texts: tuple[Texts, ...] = ()


@attrs.frozen
class SeasonFacts:
    season_number: int
    tmdb_id: int | None = None
    name: str | None = None
    overview: str | None = None
    air_date: dt.date | None = None
    poster_path: str | None = None
    vote_average: float | None = None
    texts: tuple[Texts, ...] = ()
    episodes: tuple[EpisodeFacts, ...] = ()


@attrs.frozen
class PersonDetails:
    tmdb_id: int
    name: str
    imdb_id: str | None = None
    biography: str | None = None
    birthday: dt.date | None = None
    deathday: dt.date | None = None
    place_of_birth: str | None = None
    profile_path: str | None = None
    gender: int = 0
    known_for_department: str | None = None
    popularity: float | None = None


@attrs.frozen
class Enrichment:
    """External ratings (OMDb) and extra artwork paths (Fanart.tv) of one movie or series."""

    ratings: tuple[ExternalRating, ...] | None = None
    logo_path: str | None = None
    backdrop_path: str | None = None


@attrs.frozen
class ImageRef:
    """A provider image path the catalogue now points at (`kind`: poster, backdrop, profile,
    still, logo)."""

    kind: str
    path: str


@attrs.frozen
class Written:
    """What one write changed: the item itself, the people and episodes written with it, the
    people it created (TMDb id -> id) and the image paths that are new in the catalogue."""

    changed: bool = False
    people: frozenset[UUID] = frozenset()
    created_people: Mapping[int, UUID] = attrs.field(factory=dict)
    episodes: frozenset[UUID] = frozenset()
    images: tuple[ImageRef, ...] = ()


@attrs.frozen
class MovieTarget:
    """A movie as the refresh finds it in the catalogue."""

    id: UUID
    library_id: UUID
    title: str
    year: int | None = None
    tmdb_id: int | None = None
    imdb_id: str | None = None
    poster_path: str | None = None
    backdrop_path: str | None = None


@attrs.frozen
class SeasonRef:
    id: UUID
    season_number: int


@attrs.frozen
class EpisodeRef:
    id: UUID
    episode_number: int


@attrs.frozen
class SeriesTarget:
    id: UUID
    library_id: UUID
    title: str
    year: int | None = None
    tmdb_id: int | None = None
    tvdb_id: int | None = None
    imdb_id: str | None = None
    poster_path: str | None = None
    backdrop_path: str | None = None
    seasons: tuple[SeasonRef, ...] = ()


@attrs.frozen
class SeasonTarget:
    id: UUID
    series_id: UUID
    season_number: int
    series_tmdb_id: int | None = None
    poster_path: str | None = None
    episodes: tuple[EpisodeRef, ...] = ()


@attrs.frozen
class EpisodeTarget:
    id: UUID
    series_id: UUID
    season_id: UUID
    season_number: int
    episode_number: int
    series_tmdb_id: int | None = None
    still_path: str | None = None


@attrs.frozen
class PersonTarget:
    id: UUID
    name: str
    tmdb_id: int | None = None
    profile_path: str | None = None


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug_of(name: str) -> str:
    """`Science Fiction` -> `science-fiction`, `Action & Adventure` -> `action-adventure`."""
    return _NOT_SLUG.sub("-", name.lower()).strip("-")


def numeric_id(value: str | None) -> int | None:
    """A provider id stored in an integer column; None when it is not a number."""
    if value is None or not value.strip().isdigit():
        return None
    return int(value)
