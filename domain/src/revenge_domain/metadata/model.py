"""What metadata providers tell about movies, series, seasons, episodes and people.

Values only, independent of any provider's wire format. Provider ids are strings (TMDb's numeric
ids, TheTVDB's ids, IMDb's `tt...`); dates are `datetime.date`; image paths are the provider's
own (`/abc.jpg` for TMDb, a full URL for Fanart.tv).
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Generic, TypeVar

import attrs

from revenge_domain.ratings import ExternalRating

T = TypeVar("T")


class Capability(enum.StrEnum):
    MOVIE = "movie"
    TVSHOW = "tvshow"
    PERSON = "person"
    IMAGE = "image"
    COLLECTION = "collection"
    RATINGS = "ratings"


class MediaType(enum.StrEnum):
    MOVIE = "movie"
    TV = "tv"


class ImageKind(enum.StrEnum):
    POSTER = "poster"
    BACKDROP = "backdrop"
    PROFILE = "profile"
    STILL = "still"
    LOGO = "logo"
    BANNER = "banner"
    CLEARART = "clearart"
    THUMB = "thumb"
    DISC = "disc"


@attrs.frozen
class Genre:
    id: str
    name: str


@attrs.frozen
class Network:
    id: str
    name: str
    logo_path: str | None = None
    origin_country: str | None = None


@attrs.frozen
class ExternalIds:
    imdb_id: str | None = None
    tmdb_id: str | None = None
    tvdb_id: str | None = None
    wikidata_id: str | None = None
    facebook_id: str | None = None
    instagram_id: str | None = None
    twitter_id: str | None = None
    tiktok_id: str | None = None
    youtube_id: str | None = None


@attrs.frozen
class Image:
    kind: ImageKind
    file_path: str
    width: int = 0
    height: int = 0
    aspect_ratio: float = 0.0
    language: str | None = None
    vote_average: float = 0.0
    vote_count: int = 0
    season_number: int | None = None  # Fanart.tv season artwork


@attrs.frozen
class Images:
    posters: tuple[Image, ...] = ()
    backdrops: tuple[Image, ...] = ()
    logos: tuple[Image, ...] = ()
    stills: tuple[Image, ...] = ()
    profiles: tuple[Image, ...] = ()
    others: tuple[Image, ...] = ()  # banners, clear art, thumbs, discs

    @classmethod
    def of(cls, images: tuple[Image, ...] | list[Image]) -> Images:
        """Sorts images into their groups by kind, keeping their order."""
        groups: dict[str, list[Image]] = {}
        for image in images:
            groups.setdefault(_GROUP_OF.get(image.kind, "others"), []).append(image)
        return cls(**{name: tuple(found) for name, found in groups.items()})

    @property
    def all(self) -> tuple[Image, ...]:
        groups = (self.posters, self.backdrops, self.logos, self.stills, self.profiles, self.others)
        return tuple(image for group in groups for image in group)

    def in_language(self, language: str | None) -> Images:
        """Only the images in `language` or without text (no language); all when None."""
        if not language:
            return self
        wanted = language.split("-")[0]
        return Images.of([i for i in self.all if i.language in (None, wanted)])


_GROUP_OF = {
    ImageKind.POSTER: "posters",
    ImageKind.BACKDROP: "backdrops",
    ImageKind.LOGO: "logos",
    ImageKind.STILL: "stills",
    ImageKind.PROFILE: "profiles",
}


@attrs.frozen
class CastMember:
    id: str
    name: str
    character: str = ""
    order: int = 0
    profile_path: str | None = None
    gender: int = 0
    known_for_department: str | None = None
    episode_count: int | None = None  # series aggregate credits


@attrs.frozen
class CrewMember:
    id: str
    name: str
    job: str = ""
    department: str = ""
    profile_path: str | None = None
    gender: int = 0
    episode_count: int | None = None


@attrs.frozen
class Credits:
    cast: tuple[CastMember, ...] = ()
    crew: tuple[CrewMember, ...] = ()


@attrs.frozen
class ContentRating:
    """An age classification of a series in one country (TMDb content ratings)."""

    country_code: str
    rating: str
    descriptors: tuple[str, ...] = ()


@attrs.frozen
class ReleaseDate:
    """One release of a movie in one country, with its certification."""

    country_code: str
    certification: str = ""
    release_date: dt.date | None = None
    type: int = 0  # TMDb: 1 premiere, 2 limited, 3 theatrical, 4 digital, 5 physical, 6 TV
    language: str | None = None
    note: str = ""


@attrs.frozen
class Ratings:
    """Enrichment of one title (OMDb)."""

    imdb_id: str
    ratings: tuple[ExternalRating, ...] = ()
    imdb_rating: float | None = None
    imdb_votes: int | None = None
    metascore: int | None = None
    rated: str | None = None
    awards: str | None = None
    box_office: str | None = None


@attrs.frozen
class CollectionRef:
    id: str
    name: str
    poster_path: str | None = None
    backdrop_path: str | None = None


@attrs.frozen
class MovieResult:
    """A movie in search results, similar movies, recommendations and collection parts."""

    id: str
    title: str
    original_title: str = ""
    overview: str | None = None
    release_date: dt.date | None = None
    poster_path: str | None = None
    backdrop_path: str | None = None
    vote_average: float = 0.0
    vote_count: int = 0
    popularity: float = 0.0
    original_language: str | None = None
    genre_ids: tuple[str, ...] = ()
    adult: bool = False


@attrs.frozen
class SeriesResult:
    id: str
    name: str
    original_name: str = ""
    overview: str | None = None
    first_air_date: dt.date | None = None
    poster_path: str | None = None
    backdrop_path: str | None = None
    vote_average: float = 0.0
    vote_count: int = 0
    popularity: float = 0.0
    original_language: str | None = None
    origin_country: tuple[str, ...] = ()
    genre_ids: tuple[str, ...] = ()


@attrs.frozen
class MediaRef:
    """A title a person is known for."""

    media_type: MediaType
    id: str
    title: str
    poster_path: str | None = None


@attrs.frozen
class PersonResult:
    id: str
    name: str
    profile_path: str | None = None
    popularity: float = 0.0
    known_for_department: str | None = None
    known_for: tuple[MediaRef, ...] = ()


@attrs.frozen
class SearchPage(Generic[T]):
    results: tuple[T, ...] = ()
    page: int = 1
    total_results: int = 0
    total_pages: int = 0


@attrs.frozen
class Collection:
    id: str
    name: str
    overview: str | None = None
    poster_path: str | None = None
    backdrop_path: str | None = None
    parts: tuple[MovieResult, ...] = ()


@attrs.frozen
class Movie:
    provider: str  # the provider's name: `tmdb`, `tvdb`, ...
    id: str
    title: str
    language: str  # the language the texts are in (after fallback)
    original_title: str = ""
    original_language: str | None = None
    imdb_id: str | None = None
    tagline: str | None = None
    overview: str | None = None
    release_date: dt.date | None = None
    runtime: int | None = None  # minutes
    status: str = ""
    budget: int | None = None
    revenue: int | None = None
    homepage: str | None = None
    poster_path: str | None = None
    backdrop_path: str | None = None
    vote_average: float = 0.0
    vote_count: int = 0
    popularity: float = 0.0
    adult: bool = False
    trailer_url: str | None = None
    genres: tuple[Genre, ...] = ()
    production_countries: tuple[str, ...] = ()
    spoken_languages: tuple[str, ...] = ()
    credits: Credits = Credits()
    collection: CollectionRef | None = None
    external_ids: ExternalIds = ExternalIds()
    release_dates: tuple[ReleaseDate, ...] = ()
    images: Images = Images()


@attrs.frozen
class SeasonSummary:
    id: str
    season_number: int
    name: str = ""
    overview: str | None = None
    air_date: dt.date | None = None
    episode_count: int = 0
    poster_path: str | None = None
    vote_average: float = 0.0


@attrs.frozen
class Series:
    provider: str  # the provider's name: `tmdb`, `tvdb`, ...
    id: str
    name: str
    language: str
    original_name: str = ""
    original_language: str | None = None
    imdb_id: str | None = None
    tvdb_id: str | None = None
    tagline: str | None = None
    overview: str | None = None
    first_air_date: dt.date | None = None
    last_air_date: dt.date | None = None
    status: str = ""
    type: str = ""
    in_production: bool = False
    number_of_seasons: int = 0
    number_of_episodes: int = 0
    episode_run_time: tuple[int, ...] = ()
    homepage: str | None = None
    poster_path: str | None = None
    backdrop_path: str | None = None
    vote_average: float = 0.0
    vote_count: int = 0
    popularity: float = 0.0
    trailer_url: str | None = None
    origin_country: tuple[str, ...] = ()
    genres: tuple[Genre, ...] = ()
    networks: tuple[Network, ...] = ()
    seasons: tuple[SeasonSummary, ...] = ()
    credits: Credits = Credits()
    external_ids: ExternalIds = ExternalIds()
    content_ratings: tuple[ContentRating, ...] = ()
    images: Images = Images()


@attrs.frozen
class EpisodeSummary:
    id: str
    season_number: int
    episode_number: int
    name: str = ""
    overview: str | None = None
    air_date: dt.date | None = None
    runtime: int | None = None
    still_path: str | None = None
    vote_average: float = 0.0
    vote_count: int = 0
    production_code: str | None = None


@attrs.frozen
class Season:
    provider: str  # the provider's name: `tmdb`, `tvdb`, ...
    id: str
    series_id: str
    season_number: int
    language: str
    name: str = ""
    overview: str | None = None
    air_date: dt.date | None = None
    poster_path: str | None = None
    vote_average: float = 0.0
    episodes: tuple[EpisodeSummary, ...] = ()
    credits: Credits = Credits()
    external_ids: ExternalIds = ExternalIds()
    images: Images = Images()


@attrs.frozen
class Episode:
    provider: str  # the provider's name: `tmdb`, `tvdb`, ...
    id: str
    series_id: str
    season_number: int
    episode_number: int
    language: str
    name: str = ""
    overview: str | None = None
    air_date: dt.date | None = None
    runtime: int | None = None
    still_path: str | None = None
    vote_average: float = 0.0
    vote_count: int = 0
    production_code: str | None = None
    crew: tuple[CrewMember, ...] = ()
    guest_stars: tuple[CastMember, ...] = ()
    external_ids: ExternalIds = ExternalIds()
    images: Images = Images()


@attrs.frozen
class Person:
    provider: str  # the provider's name: `tmdb`, `tvdb`, ...
    id: str
    name: str
    language: str
    imdb_id: str | None = None
    also_known_as: tuple[str, ...] = ()
    biography: str | None = None
    birthday: dt.date | None = None
    deathday: dt.date | None = None
    gender: int = 0  # 0 not specified, 1 female, 2 male, 3 non-binary
    place_of_birth: str | None = None
    profile_path: str | None = None
    homepage: str | None = None
    popularity: float = 0.0
    known_for_department: str | None = None
    adult: bool = False
    external_ids: ExternalIds = ExternalIds()
    images: Images = Images()


@attrs.frozen
class MediaCredit:
    """One title in a person's filmography."""

    media_type: MediaType
    id: str
    title: str
    character: str | None = None
    job: str | None = None
    department: str | None = None
    release_date: dt.date | None = None
    poster_path: str | None = None
    vote_average: float = 0.0
    episode_count: int | None = None


@attrs.frozen
class PersonCredits:
    person_id: str
    cast: tuple[MediaCredit, ...] = ()
    crew: tuple[MediaCredit, ...] = ()


@attrs.frozen
class ProviderStatus:
    """One provider as `/metadata/providers` lists it."""

    id: str
    name: str
    capabilities: tuple[Capability, ...]
    enabled: bool
