"""Handlers of /api/v1/search: collection searches, autocomplete, facets and the multi-search.

Every answer says which backend produced it in `X-Search-Backend` (`typesense`, or `postgres`
when the database answered because the search engine could not).
"""

from __future__ import annotations

from functools import partial
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


async def _collection(collection: str, request: web.Request) -> web.Response:
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


async def _autocomplete(collection: str, request: web.Request) -> web.Response:
    params = params_of(request)
    search = _search(request)
    principal, q, limit = principal_of(request), params.text("q"), params.integer("limit")
    return _answered(await search.autocomplete(principal, collection, q, limit))


async def _facets(collection: str, request: web.Request) -> web.Response:
    return _answered(await _search(request).facets(principal_of(request), collection))


def _add_routes(collection: str, *, search: str, autocomplete: str, facets: str) -> None:
    """Answer one collection's search, autocomplete and facets operations."""
    answers = {search: _collection, autocomplete: _autocomplete, facets: _facets}
    for operation_id, answer in answers.items():
        handler = partial(answer, collection)
        OPERATIONS.add(operation_id, handler, permission="movies:list", cache=CacheCategory.CATALOG)


_add_routes(
    "movies",
    search="searchLibraryMovies",
    autocomplete="autocompleteMovies",
    facets="getSearchFacets",
)
_add_routes(
    "tvshows",
    search="searchLibraryTVShows",
    autocomplete="autocompleteTVShows",
    facets="getTVShowSearchFacets",
)


@operation("searchMulti", permission="movies:list", cache=CacheCategory.CATALOG)
async def search_multi(request: web.Request) -> web.Response:
    params = params_of(request)
    search = _search(request)
    answer = await search.multi(principal_of(request), params.text("q"), params.integer("limit"))
    return _answered(answer)
