"""Handlers of /api/v1/metadata: reads from the metadata providers (TMDb, TheTVDB).

A provider that is not configured answers 503 `provider_not_configured`; one that is down, slow
or rate limited answers 503 (with Retry-After when known); one that answers nonsense or refuses
our key, 502.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from revenge_app.http.errors import ApiError
from revenge_app.http.handlers import metadata_views as views
from revenge_app.http.handlers.wiring import use_cases, wired
from revenge_app.http.language import requested_language
from revenge_app.http.state import params_of
from revenge_domain.metadata.errors import (
    ProviderAuthRejected,
    ProviderBadResponse,
    ProviderCannotDo,
    ProviderError,
    ProviderRateLimited,
)
from revenge_domain.metadata.lookup import MetadataLookup

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
    return wired(use_cases(request).metadata)


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


def _json(body: dict[str, Any]) -> web.Response:
    return web.json_response(body)


@from_providers
async def list_metadata_providers(request: web.Request) -> web.Response:
    return _json(views.providers_view(_lookup(request).providers()))


@from_providers
async def search_movies_metadata(request: web.Request) -> web.Response:
    params = params_of(request)
    page = await _lookup(request).search_movies(
        params.text("q"),
        limit=params.integer("limit"),
        year=_optional(request, "year"),
        provider=_optional(request, "provider"),
        language=_language(request),
    )
    return _json(views.movie_page_view(page))


@from_providers
async def search_tv_shows_metadata(request: web.Request) -> web.Response:
    params = params_of(request)
    page = await _lookup(request).search_series(
        params.text("q"),
        limit=params.integer("limit"),
        year=_optional(request, "year"),
        provider=_optional(request, "provider"),
        language=_language(request),
    )
    return _json(views.series_page_view(page))


@from_providers
async def search_person_metadata(request: web.Request) -> web.Response:
    params = params_of(request)
    page = await _lookup(request).search_people(
        params.text("q"),
        limit=params.integer("limit"),
        provider=_optional(request, "provider"),
        language=_language(request),
    )
    return _json(views.person_page_view(page))


@from_providers
async def get_movie_metadata(request: web.Request) -> web.Response:
    movie = await _lookup(request).movie(_id(request), _language(request))
    return _json(views.movie_view(movie))


@from_providers
async def get_movie_metadata_credits(request: web.Request) -> web.Response:
    credits = await _lookup(request).movie_credits(_id(request), _language(request))
    return _json(views.credits_view(credits))


@from_providers
async def get_movie_metadata_images(request: web.Request) -> web.Response:
    images = await _lookup(request).movie_images(_id(request), _image_language(request))
    return _json(views.images_view(images))


@from_providers
async def get_similar_movies_metadata(request: web.Request) -> web.Response:
    limit = params_of(request).integer("limit")
    page = await _lookup(request).similar_movies(
        _id(request), limit=limit, language=_language(request)
    )
    return _json(views.movie_page_view(page))


@from_providers
async def get_movie_recommendations_metadata(request: web.Request) -> web.Response:
    limit = params_of(request).integer("limit")
    page = await _lookup(request).movie_recommendations(
        _id(request), limit=limit, language=_language(request)
    )
    return _json(views.movie_page_view(page))


@from_providers
async def get_movie_external_ids(request: web.Request) -> web.Response:
    ids = await _lookup(request).movie_external_ids(_id(request))
    return _json(views.external_ids_view(ids))


@from_providers
async def get_collection_metadata(request: web.Request) -> web.Response:
    collection = await _lookup(request).collection(_id(request), _language(request))
    return _json(views.collection_view(collection))


@from_providers
async def get_tv_show_metadata(request: web.Request) -> web.Response:
    series = await _lookup(request).series(_id(request), _language(request))
    return _json(views.series_view(series))


@from_providers
async def get_tv_show_metadata_credits(request: web.Request) -> web.Response:
    credits = await _lookup(request).series_credits(_id(request), _language(request))
    return _json(views.credits_view(credits))


@from_providers
async def get_tv_show_metadata_images(request: web.Request) -> web.Response:
    images = await _lookup(request).series_images(_id(request), _image_language(request))
    return _json(views.images_view(images))


@from_providers
async def get_tv_show_content_ratings(request: web.Request) -> web.Response:
    ratings = await _lookup(request).series_content_ratings(_id(request))
    return _json(views.content_ratings_view(ratings))


@from_providers
async def get_tv_show_external_ids(request: web.Request) -> web.Response:
    ids = await _lookup(request).series_external_ids(_id(request))
    return _json(views.external_ids_view(ids))


@from_providers
async def get_season_metadata(request: web.Request) -> web.Response:
    season = await _lookup(request).season(_id(request), _season(request), _language(request))
    return _json(views.season_view(season))


@from_providers
async def get_season_metadata_images(request: web.Request) -> web.Response:
    lookup = _lookup(request)
    images = await lookup.season_images(_id(request), _season(request), _image_language(request))
    return _json(views.images_view(images))


@from_providers
async def get_episode_metadata(request: web.Request) -> web.Response:
    episode = await _lookup(request).episode(
        _id(request), _season(request), _episode(request), _language(request)
    )
    return _json(views.episode_view(episode))


@from_providers
async def get_episode_metadata_images(request: web.Request) -> web.Response:
    images = await _lookup(request).episode_images(
        _id(request), _season(request), _episode(request), _image_language(request)
    )
    return _json(views.images_view(images))


@from_providers
async def get_person_metadata(request: web.Request) -> web.Response:
    person = await _lookup(request).person(_id(request), _language(request))
    return _json(views.person_view(person))


@from_providers
async def get_person_metadata_credits(request: web.Request) -> web.Response:
    credits = await _lookup(request).person_credits(_id(request), _language(request))
    return _json(views.person_credits_view(credits))


@from_providers
async def get_person_metadata_images(request: web.Request) -> web.Response:
    images = await _lookup(request).person_images(_id(request), _image_language(request))
    return _json(views.images_view(images))
