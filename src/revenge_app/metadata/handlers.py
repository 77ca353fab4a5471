"""Handlers of /api/v1/metadata: reads from the metadata providers (TMDb, TheTVDB).

A provider that is not configured answers 503 `provider_not_configured`; one that is down, slow
or rate limited answers 503 (with Retry-After when known); one that answers nonsense or refuses
our key, 502.

Reads need the catalogue's read permissions, as the movie and TV reads do.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Awaitable, Callable
from typing import Any, Protocol, TypeVar

from aiohttp import web

from revenge_app.http.answers import json_response
from revenge_app.http.errors import ApiError
from revenge_app.http.language import requested_language
from revenge_app.http.routes import CacheCategory, Operations
from revenge_app.http.state import params_of
from revenge_app.metadata.container import METADATA
from revenge_domain.metadata.errors import (
    ProviderAuthRejected,
    ProviderBadResponse,
    ProviderCannotDo,
    ProviderError,
    ProviderRateLimited,
)
from revenge_domain.metadata.lookup import MetadataLookup
from revenge_domain.metadata.model import MovieResult, SearchPage

OPERATIONS = Operations()
operation = OPERATIONS.operation

T = TypeVar("T")
R = TypeVar("R")
Handler = Callable[[web.Request], Awaitable[web.Response]]
_LANGUAGE = re.compile(r"[a-z]{2}(-[A-Z]{2})?")


def provider_failure(exc: ProviderError) -> ApiError:
    """The HTTP answer to a provider's failure."""
    headers: dict[str, str] = {}
    status = 503
    if isinstance(exc, ProviderCannotDo):
        status = 400
    elif isinstance(exc, ProviderAuthRejected | ProviderBadResponse):
        status = 502
    elif isinstance(exc, ProviderRateLimited):
        headers["Retry-After"] = str(max(1, math.ceil(exc.retry_after_s)))
    return ApiError(status, exc.code, exc.message, exc.details, headers)


def from_providers(handler: Handler) -> Handler:
    @functools.wraps(handler)
    async def answer(request: web.Request) -> web.Response:
        try:
            return await handler(request)
        except ProviderError as exc:
            raise provider_failure(exc) from None

    return answer


def _lookup(request: web.Request) -> MetadataLookup:
    return request.app[METADATA].lookup


def _language(request: web.Request) -> str | None:
    """The `language` parameter, else the client's Accept-Language, else the server default."""
    given = params_of(request).get("language")
    if isinstance(given, str) and given:
        return given
    header = requested_language(request)
    return header if header and _LANGUAGE.fullmatch(header) else None


def _image_language(request: web.Request) -> str | None:
    """Images are filtered by language only when the `language` parameter asks for it."""
    given = params_of(request).get("language")
    return given if isinstance(given, str) and given else None


def _id(request: web.Request) -> str:
    return params_of(request).text("id")


def _season(request: web.Request) -> int:
    return params_of(request).integer("seasonNumber")


def _episode(request: web.Request) -> int:
    return params_of(request).integer("episodeNumber")


def _optional(request: web.Request, name: str) -> Any:
    return params_of(request).get(name)


def _by_id(
    read: Callable[[MetadataLookup, str, str | None], Awaitable[object]],
    language: Callable[[web.Request], str | None] = _language,
) -> Handler:
    """A handler reading the item `id` (in the language asked for) as JSON."""

    @from_providers
    async def answer(request: web.Request) -> web.Response:
        return json_response(await read(_lookup(request), _id(request), language(request)))

    return answer


def _without_language(
    read: Callable[[MetadataLookup, str], Awaitable[T]],
    body: Callable[[T], object] = lambda found: found,
) -> Handler:
    """A handler reading what of the item `id` has no language (answered as `body` of it)."""

    @from_providers
    async def answer(request: web.Request) -> web.Response:
        return json_response(body(await read(_lookup(request), _id(request))))

    return answer


class _Related(Protocol):
    def __call__(
        self, lookup: MetadataLookup, movie_id: str, /, *, limit: int, language: str | None = None
    ) -> Awaitable[SearchPage[MovieResult]]: ...


def _related(read: _Related) -> Handler:
    """A handler reading a page of `limit` movies related to the movie `id`."""

    @from_providers
    async def answer(request: web.Request) -> web.Response:
        limit = params_of(request).integer("limit")
        page = await read(_lookup(request), _id(request), limit=limit, language=_language(request))
        return json_response(page)

    return answer


class _TitleSearch(Protocol[R]):
    def __call__(
        self,
        lookup: MetadataLookup,
        query: str,
        /,
        *,
        limit: int,
        year: int | None = None,
        provider: str | None = None,
        language: str | None = None,
    ) -> Awaitable[SearchPage[R]]: ...


def _title_search(search: _TitleSearch[R]) -> Handler:
    """A handler searching titles by `q`, optionally by `year`, at one `provider`."""

    @from_providers
    async def answer(request: web.Request) -> web.Response:
        params = params_of(request)
        page = await search(
            _lookup(request),
            params.text("q"),
            limit=params.integer("limit"),
            year=_optional(request, "year"),
            provider=_optional(request, "provider"),
            language=_language(request),
        )
        return json_response(page)

    return answer


@operation("listMetadataProviders", permission="movies:list", cache=CacheCategory.CATALOG)
@from_providers
async def list_metadata_providers(request: web.Request) -> web.Response:
    return json_response({"providers": _lookup(request).providers()})


@operation("searchPersonMetadata", permission="movies:list", cache=CacheCategory.CATALOG)
@from_providers
async def search_person_metadata(request: web.Request) -> web.Response:
    params = params_of(request)
    page = await _lookup(request).search_people(
        params.text("q"),
        limit=params.integer("limit"),
        provider=_optional(request, "provider"),
        language=_language(request),
    )
    return json_response(page)


def _catalog_read(operation_id: str, permission: str, handler: Handler) -> Handler:
    return operation(operation_id, permission=permission, cache=CacheCategory.CATALOG)(handler)


search_movies_metadata = _catalog_read(
    "searchMoviesMetadata",
    "movies:list",
    _title_search(MetadataLookup.search_movies),
)
search_tv_shows_metadata = _catalog_read(
    "searchTVShowsMetadata",
    "movies:list",
    _title_search(MetadataLookup.search_series),
)
get_movie_metadata = _catalog_read("getMovieMetadata", "movies:get", _by_id(MetadataLookup.movie))
get_movie_metadata_credits = _catalog_read(
    "getMovieMetadataCredits",
    "movies:get",
    _by_id(MetadataLookup.movie_credits),
)
get_movie_metadata_images = _catalog_read(
    "getMovieMetadataImages",
    "movies:get",
    _by_id(MetadataLookup.movie_images, _image_language),
)
get_similar_movies_metadata = _catalog_read(
    "getSimilarMoviesMetadata", "movies:get", _related(MetadataLookup.similar_movies)
)
get_movie_recommendations_metadata = _catalog_read(
    "getMovieRecommendationsMetadata", "movies:get", _related(MetadataLookup.movie_recommendations)
)
get_movie_external_ids = _catalog_read(
    "getMovieExternalIDs",
    "movies:get",
    _without_language(MetadataLookup.movie_external_ids),
)
get_collection_metadata = _catalog_read(
    "getCollectionMetadata", "movies:get", _by_id(MetadataLookup.collection)
)
get_tv_show_metadata = _catalog_read(
    "getTVShowMetadata", "movies:get", _by_id(MetadataLookup.series)
)
get_tv_show_metadata_credits = _catalog_read(
    "getTVShowMetadataCredits",
    "movies:get",
    _by_id(MetadataLookup.series_credits),
)
get_tv_show_metadata_images = _catalog_read(
    "getTVShowMetadataImages",
    "movies:get",
    _by_id(MetadataLookup.series_images, _image_language),
)
get_tv_show_content_ratings = _catalog_read(
    "getTVShowContentRatings",
    "movies:get",
    _without_language(MetadataLookup.series_content_ratings, lambda ratings: {"results": ratings}),
)
get_tv_show_external_ids = _catalog_read(
    "getTVShowExternalIDs",
    "movies:get",
    _without_language(MetadataLookup.series_external_ids),
)
get_person_metadata = _catalog_read(
    "getPersonMetadata", "movies:get", _by_id(MetadataLookup.person)
)
get_person_metadata_credits = _catalog_read(
    "getPersonMetadataCredits",
    "movies:get",
    _by_id(MetadataLookup.person_credits),
)
get_person_metadata_images = _catalog_read(
    "getPersonMetadataImages",
    "movies:get",
    _by_id(MetadataLookup.person_images, _image_language),
)


@operation("getSeasonMetadata", permission="movies:get", cache=CacheCategory.CATALOG)
@from_providers
async def get_season_metadata(request: web.Request) -> web.Response:
    season = await _lookup(request).season(_id(request), _season(request), _language(request))
    return json_response(season)


@operation("getSeasonMetadataImages", permission="movies:get", cache=CacheCategory.CATALOG)
@from_providers
async def get_season_metadata_images(request: web.Request) -> web.Response:
    lookup = _lookup(request)
    images = await lookup.season_images(_id(request), _season(request), _image_language(request))
    return json_response(images)


@operation("getEpisodeMetadata", permission="movies:get", cache=CacheCategory.CATALOG)
@from_providers
async def get_episode_metadata(request: web.Request) -> web.Response:
    episode = await _lookup(request).episode(
        _id(request), _season(request), _episode(request), _language(request)
    )
    return json_response(episode)


@operation("getEpisodeMetadataImages", permission="movies:get", cache=CacheCategory.CATALOG)
@from_providers
async def get_episode_metadata_images(request: web.Request) -> web.Response:
    images = await _lookup(request).episode_images(
        _id(request), _season(request), _episode(request), _image_language(request)
    )
    return json_response(images)
