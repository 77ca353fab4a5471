"""TMDb (The Movie Database) API v3: movies, collections, series, seasons, episodes, people.

Details are fetched with `append_to_response`, so one call brings credits, external ids, release
dates or content ratings, images and videos. The API key is sent as `api_key`, or as a bearer
token when it is a v4 read access token (a JWT).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs

from revenge_adapters.metadata import tmdb_mapping as tm
from revenge_adapters.metadata.client import ProviderHttp, ProviderSettings, mapped
from revenge_adapters.metadata.fallback import with_fallback
from revenge_adapters.metadata.plugin import (
    ProviderAdapters,
    ProviderPlugin,
    ServiceSettings,
    http_url,
    positive,
)
from revenge_domain.metadata.model import (
    Capability,
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
    ReleaseDate,
    SearchPage,
    Season,
    Series,
    SeriesResult,
)

T = TypeVar("T")
DEFAULT_BASE_URL = "https://api.themoviedb.org/3"
MOVIE_APPENDS = "credits,external_ids,release_dates,images,videos"
SERIES_APPENDS = "aggregate_credits,external_ids,content_ratings,images,videos"
SEASON_APPENDS = "credits,external_ids,images"
PERSON_APPENDS = "external_ids,images"


class TmdbProvider:
    """Implements `MovieProvider`, `TVProvider` and `PersonProvider`."""

    def __init__(self, settings: ProviderSettings) -> None:
        self.settings = settings
        self.http = ProviderHttp(settings)

    async def close(self) -> None:
        await self.http.close()

    # Movies
    async def search_movies(
        self, query: str, language: str, *, year: int | None = None, page: int = 1
    ) -> SearchPage[MovieResult]:
        params: dict[str, str | int] = {"query": query, "page": page, "include_adult": "false"}
        if year is not None:
            params["year"] = year
        body = await self._get("/search/movie", language, params)
        return self._map(lambda b: tm.page_of(b, tm.movie_result_of), body or {})

    async def movie(self, movie_id: str, language: str) -> Movie | None:
        async def fetch(lang: str, full: bool) -> Movie | None:
            extra = self._appends(MOVIE_APPENDS, lang) if full else {}
            body = await self._get(f"/movie/{_id(movie_id)}", lang, extra)
            return None if body is None else self._map(lambda b: tm.movie_of(b, lang), body)

        return await with_fallback(fetch, language, self.settings.fallback_language)

    async def movie_credits(self, movie_id: str, language: str) -> Credits | None:
        body = await self._get(f"/movie/{_id(movie_id)}/credits", language)
        return None if body is None else self._map(tm.credits_of, body)

    async def movie_images(self, movie_id: str, language: str | None) -> Images | None:
        return await self._images(f"/movie/{_id(movie_id)}/images", language)

    async def movie_external_ids(self, movie_id: str, language: str) -> ExternalIds | None:
        body = await self._get(f"/movie/{_id(movie_id)}/external_ids", None)
        return None if body is None else self._map(tm.external_ids_of, body)

    async def movie_release_dates(
        self, movie_id: str, language: str
    ) -> tuple[ReleaseDate, ...] | None:
        body = await self._get(f"/movie/{_id(movie_id)}/release_dates", None)
        return None if body is None else self._map(tm.release_dates_of, body)

    async def similar_movies(
        self, movie_id: str, language: str, *, page: int = 1
    ) -> SearchPage[MovieResult] | None:
        return await self._movie_page(f"/movie/{_id(movie_id)}/similar", language, page)

    async def movie_recommendations(
        self, movie_id: str, language: str, *, page: int = 1
    ) -> SearchPage[MovieResult] | None:
        return await self._movie_page(f"/movie/{_id(movie_id)}/recommendations", language, page)

    async def collection(self, collection_id: str, language: str) -> Collection | None:
        async def fetch(lang: str, full: bool) -> Collection | None:
            body = await self._get(f"/collection/{_id(collection_id)}", lang)
            return None if body is None else self._map(tm.collection_of, body)

        return await with_fallback(fetch, language, self.settings.fallback_language)

    # Series
    async def search_series(
        self, query: str, language: str, *, year: int | None = None, page: int = 1
    ) -> SearchPage[SeriesResult]:
        params: dict[str, str | int] = {"query": query, "page": page, "include_adult": "false"}
        if year is not None:
            params["first_air_date_year"] = year
        body = await self._get("/search/tv", language, params)
        return self._map(lambda b: tm.page_of(b, tm.series_result_of), body or {})

    async def series(self, series_id: str, language: str) -> Series | None:
        async def fetch(lang: str, full: bool) -> Series | None:
            extra = self._appends(SERIES_APPENDS, lang) if full else {}
            body = await self._get(f"/tv/{_id(series_id)}", lang, extra)
            return None if body is None else self._map(lambda b: tm.series_of(b, lang), body)

        return await with_fallback(fetch, language, self.settings.fallback_language)

    async def series_credits(self, series_id: str, language: str) -> Credits | None:
        body = await self._get(f"/tv/{_id(series_id)}/aggregate_credits", language)
        return None if body is None else self._map(tm.credits_of, body)

    async def series_images(self, series_id: str, language: str | None) -> Images | None:
        return await self._images(f"/tv/{_id(series_id)}/images", language)

    async def series_content_ratings(
        self, series_id: str, language: str
    ) -> tuple[ContentRating, ...] | None:
        body = await self._get(f"/tv/{_id(series_id)}/content_ratings", None)
        return None if body is None else self._map(tm.content_ratings_of, body)

    async def series_external_ids(self, series_id: str, language: str) -> ExternalIds | None:
        body = await self._get(f"/tv/{_id(series_id)}/external_ids", None)
        if body is None:
            return None
        return self._map(lambda b: tm.external_ids_of(b, b.get("id", series_id)), body)

    async def season(self, series_id: str, season_number: int, language: str) -> Season | None:
        path = f"/tv/{_id(series_id)}/season/{season_number}"

        async def fetch(lang: str, full: bool) -> Season | None:
            extra = self._appends(SEASON_APPENDS, lang) if full else {}
            body = await self._get(path, lang, extra)
            return (
                None
                if body is None
                else self._map(lambda b: tm.season_of(b, series_id, lang), body)
            )

        return await with_fallback(fetch, language, self.settings.fallback_language)

    async def season_images(
        self, series_id: str, season_number: int, language: str | None
    ) -> Images | None:
        return await self._images(f"/tv/{_id(series_id)}/season/{season_number}/images", language)

    async def episode(
        self, series_id: str, season_number: int, episode_number: int, language: str
    ) -> Episode | None:
        path = f"/tv/{_id(series_id)}/season/{season_number}/episode/{episode_number}"

        async def fetch(lang: str, full: bool) -> Episode | None:
            extra = self._appends(SEASON_APPENDS, lang) if full else {}
            body = await self._get(path, lang, extra)
            return (
                None
                if body is None
                else self._map(lambda b: tm.episode_of(b, series_id, lang), body)
            )

        return await with_fallback(fetch, language, self.settings.fallback_language)

    async def episode_images(
        self, series_id: str, season_number: int, episode_number: int, language: str | None
    ) -> Images | None:
        path = f"/tv/{_id(series_id)}/season/{season_number}/episode/{episode_number}/images"
        return await self._images(path, language)

    # People
    async def search_people(
        self, query: str, language: str, *, page: int = 1
    ) -> SearchPage[PersonResult]:
        params: dict[str, str | int] = {"query": query, "page": page, "include_adult": "false"}
        body = await self._get("/search/person", language, params)
        return self._map(lambda b: tm.page_of(b, tm.person_result_of), body or {})

    async def person(self, person_id: str, language: str) -> Person | None:
        async def fetch(lang: str, full: bool) -> Person | None:
            extra = {"append_to_response": PERSON_APPENDS} if full else {}
            body = await self._get(f"/person/{_id(person_id)}", lang, extra)
            return None if body is None else self._map(lambda b: tm.person_of(b, lang), body)

        return await with_fallback(fetch, language, self.settings.fallback_language)

    async def person_credits(self, person_id: str, language: str) -> PersonCredits | None:
        body = await self._get(f"/person/{_id(person_id)}/combined_credits", language)
        if body is None:
            return None
        return self._map(lambda b: tm.person_credits_of(b, person_id), body)

    async def person_images(self, person_id: str, language: str | None) -> Images | None:
        body = await self._get(f"/person/{_id(person_id)}/images", None)
        return None if body is None else self._map(tm.images_of, body)

    # Plumbing
    def _appends(self, appends: str, language: str) -> dict[str, str | int]:
        return {
            "append_to_response": appends,
            "include_image_language": self._image_languages(language),
        }

    def _image_languages(self, language: str) -> str:
        wanted = [language.split("-")[0], self.settings.fallback_language.split("-")[0], "null"]
        return ",".join(dict.fromkeys(wanted))

    async def _images(self, path: str, language: str | None) -> Images | None:
        params = {"include_image_language": self._image_languages(language)} if language else {}
        body = await self._get(path, None, params)
        if body is None:
            return None
        return self._map(tm.images_of, body).in_language(language)

    async def _movie_page(
        self, path: str, language: str, page: int
    ) -> SearchPage[MovieResult] | None:
        body = await self._get(path, language, {"page": page})
        return (
            None if body is None else self._map(lambda b: tm.page_of(b, tm.movie_result_of), body)
        )

    async def _get(
        self, path: str, language: str | None, params: Mapping[str, str | int] | None = None
    ) -> Any | None:
        if f"/{_NO_SUCH_ID}" in path:
            return None
        query: dict[str, str | int] = dict(params or {})
        if language:
            query["language"] = language
        headers: dict[str, str] = {}
        key = self.settings.api_key
        if key.startswith("eyJ"):  # a v4 read access token
            headers["Authorization"] = f"Bearer {key}"
        else:
            query["api_key"] = key
        return await self.http.get(path, query, headers)

    def _map(self, to_model: Callable[[dict[str, Any]], T], body: Any) -> T:
        return mapped(self.settings.name, to_model, body)


_NO_SUCH_ID = "~"


def _id(value: str) -> str:
    """A provider id safe to put in a path; TMDb ids are numbers, anything else is unknown."""
    text = value.strip()
    return text if text.isdigit() else _NO_SUCH_ID


@attrs.frozen
class TmdbSettings(ServiceSettings):
    """`api_key`: a v3 API key or a v4 read access token."""

    base_url: str = attrs.field(default=DEFAULT_BASE_URL, validator=http_url)
    rate_per_s: float = attrs.field(default=40.0, validator=positive)


def _adapters(connection: ProviderSettings, settings: TmdbSettings) -> ProviderAdapters:
    tmdb = TmdbProvider(connection)
    return ProviderAdapters(tmdb.close, movies=tmdb, series=tmdb, people=tmdb)


PLUGIN = ProviderPlugin(
    name="tmdb",
    title="The Movie Database",
    capabilities=(
        Capability.MOVIE,
        Capability.TVSHOW,
        Capability.PERSON,
        Capability.IMAGE,
        Capability.COLLECTION,
    ),
    settings=TmdbSettings,
    factory=_adapters,
)
