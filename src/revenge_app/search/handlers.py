"""Handlers of /api/v1/search: collection searches, autocomplete, facets and the multi-search.

Every answer says which backend produced it in `X-Search-Backend` (`typesense`, or `postgres`
when the database answered because the search engine could not).
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from revenge_app.http.answers import json_response
from revenge_app.http.params import Params
from revenge_app.http.routes import CacheCategory, Operations
from revenge_app.http.state import params_of, principal_of
from revenge_app.search.container import SEARCH
from revenge_domain.search.answers import Answer
from revenge_domain.search.library_search import LibrarySearch

OPERATIONS = Operations()
operation = OPERATIONS.operation

BACKEND_HEADER = "X-Search-Backend"


def _search(request: web.Request) -> LibrarySearch:
    return request.app[SEARCH].search


def _answered(answer: Answer[Any]) -> web.Response:
    response = json_response(answer.body)
    response.headers[BACKEND_HEADER] = answer.backend.value
    return response


def _optional(params: Params, name: str) -> str | None:
    return params.text(name) if name in params else None


async def _collection(request: web.Request, collection: str) -> web.Response:
    params = params_of(request)
    answer = await _search(request).search(
        principal_of(request),
        collection,
        params.text("q"),
        params.integer("page"),
        params.integer("per_page"),
        filter_by=_optional(params, "filter_by"),
        sort_by=_optional(params, "sort_by"),
        facet_by=_optional(params, "facet_by"),
    )
    return _answered(answer)


async def _autocomplete(request: web.Request, collection: str) -> web.Response:
    params = params_of(request)
    search = _search(request)
    principal, q, limit = principal_of(request), params.text("q"), params.integer("limit")
    return _answered(await search.autocomplete(principal, collection, q, limit))


async def _facets(request: web.Request, collection: str) -> web.Response:
    return _answered(await _search(request).facets(principal_of(request), collection))


@operation("searchLibraryMovies", permission="movies:list", cache=CacheCategory.CATALOG)
async def search_movies(request: web.Request) -> web.Response:
    return await _collection(request, "movies")


@operation("autocompleteMovies", permission="movies:list", cache=CacheCategory.CATALOG)
async def autocomplete_movies(request: web.Request) -> web.Response:
    return await _autocomplete(request, "movies")


@operation("getSearchFacets", permission="movies:list", cache=CacheCategory.CATALOG)
async def movie_facets(request: web.Request) -> web.Response:
    return await _facets(request, "movies")


@operation("searchLibraryTVShows", permission="movies:list", cache=CacheCategory.CATALOG)
async def search_tv_shows(request: web.Request) -> web.Response:
    return await _collection(request, "tvshows")


@operation("autocompleteTVShows", permission="movies:list", cache=CacheCategory.CATALOG)
async def autocomplete_tv_shows(request: web.Request) -> web.Response:
    return await _autocomplete(request, "tvshows")


@operation("getTVShowSearchFacets", permission="movies:list", cache=CacheCategory.CATALOG)
async def tv_show_facets(request: web.Request) -> web.Response:
    return await _facets(request, "tvshows")


@operation("searchMulti", permission="movies:list", cache=CacheCategory.CATALOG)
async def search_multi(request: web.Request) -> web.Response:
    params = params_of(request)
    search = _search(request)
    answer = await search.multi(principal_of(request), params.text("q"), params.integer("limit"))
    return _answered(answer)
