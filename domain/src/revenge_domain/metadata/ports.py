"""Ports to metadata providers.

Every method that returns texts takes the language wanted (`en`, `de`, `pt-BR`); an adapter falls
back to its configured fallback language for texts the provider lacks in it. A title, person or
id the provider does not know gives None. Failures raise the errors of
`revenge_domain.metadata.errors` (not configured, unavailable, auth rejected, rate limited, bad
response). Ids are the provider's own, as strings.
"""

from __future__ import annotations

from typing import Protocol

from revenge_domain.metadata.model import (
    Collection,
    ContentRating,
    Credits,
    Episode,
    ExternalIds,
    Images,
    Movie,
    MovieResult,
    Person,
    PersonCredits,
    PersonResult,
    Ratings,
    ReleaseDate,
    SearchPage,
    Season,
    Series,
    SeriesResult,
)


class MovieProvider(Protocol):
    """Movies and their collections (TMDb)."""

    async def search_movies(
        self, query: str, language: str, *, year: int | None = None, page: int = 1
    ) -> SearchPage[MovieResult]: ...

    async def movie(self, movie_id: str, language: str) -> Movie | None:
        """Details with credits, external ids, release dates and images in one value."""

    async def movie_credits(self, movie_id: str, language: str) -> Credits | None: ...

    async def movie_images(self, movie_id: str, language: str | None) -> Images | None:
        """All images, or only those in `language` and those without text when it is given."""

    async def movie_external_ids(self, movie_id: str, language: str) -> ExternalIds | None: ...

    async def movie_release_dates(
        self, movie_id: str, language: str
    ) -> tuple[ReleaseDate, ...] | None: ...

    async def similar_movies(
        self, movie_id: str, language: str, *, page: int = 1
    ) -> SearchPage[MovieResult] | None: ...

    async def movie_recommendations(
        self, movie_id: str, language: str, *, page: int = 1
    ) -> SearchPage[MovieResult] | None: ...

    async def collection(self, collection_id: str, language: str) -> Collection | None: ...


class TVProvider(Protocol):
    """Series, seasons and episodes (TMDb, TheTVDB)."""

    async def search_series(
        self, query: str, language: str, *, year: int | None = None, page: int = 1
    ) -> SearchPage[SeriesResult]: ...

    async def series(self, series_id: str, language: str) -> Series | None:
        """Details with credits, external ids, content ratings and images in one value."""

    async def series_credits(self, series_id: str, language: str) -> Credits | None: ...

    async def series_images(self, series_id: str, language: str | None) -> Images | None: ...

    async def series_content_ratings(
        self, series_id: str, language: str
    ) -> tuple[ContentRating, ...] | None: ...

    async def series_external_ids(self, series_id: str, language: str) -> ExternalIds | None: ...

    async def season(self, series_id: str, season_number: int, language: str) -> Season | None:
        """The season with its episodes."""

    async def season_images(
        self, series_id: str, season_number: int, language: str | None
    ) -> Images | None: ...

    async def episode(
        self, series_id: str, season_number: int, episode_number: int, language: str
    ) -> Episode | None: ...

    async def episode_images(
        self, series_id: str, season_number: int, episode_number: int, language: str | None
    ) -> Images | None: ...


class PersonProvider(Protocol):
    """People: cast and crew (TMDb)."""

    async def search_people(
        self, query: str, language: str, *, page: int = 1
    ) -> SearchPage[PersonResult]: ...

    async def person(self, person_id: str, language: str) -> Person | None: ...

    async def person_credits(self, person_id: str, language: str) -> PersonCredits | None: ...

    async def person_images(self, person_id: str, language: str | None) -> Images | None: ...


class RatingsProvider(Protocol):
    """Ratings from other sites for a title known by its IMDb id (OMDb)."""

    async def ratings(self, imdb_id: str, language: str) -> Ratings | None: ...


class ArtworkProvider(Protocol):
    """Extra artwork: logos, clear art, banners, discs, season posters (Fanart.tv).

    Movies are found by TMDb or IMDb id, series by TheTVDB id.
    """

    async def movie_artwork(self, movie_id: str, language: str | None) -> Images | None: ...

    async def series_artwork(self, tvdb_id: str, language: str | None) -> Images | None: ...
