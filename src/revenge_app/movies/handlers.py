"""Handlers of /api/v1/movies and /api/v1/collections: the movie catalogue and watch state.

Reads need movies:list or movies:get; the use cases keep only movies of libraries the caller
may read.
"""

from __future__ import annotations

from aiohttp import web

from revenge_app.http import credits, watch_progress
from revenge_app.http.answers import json_response, page_answer, unstructured
from revenge_app.http.client_fields import movie_resume, with_codec
from revenge_app.http.language import requested_language
from revenge_app.http.routes import CacheCategory, Operations
from revenge_app.http.state import params_of, principal_of
from revenge_app.movies.container import MOVIES
from revenge_domain.movies import MovieCatalogue, MovieOrder, MovieWatching, parse_order

OPERATIONS = Operations()
operation = OPERATIONS.operation


def _catalogue(request: web.Request) -> MovieCatalogue:
    return request.app[MOVIES].catalogue


def _watching(request: web.Request) -> MovieWatching:
    return request.app[MOVIES].watching


async def _listed(request: web.Request, order: MovieOrder) -> web.Response:
    params = params_of(request)
    limit, offset = params.integer("limit"), params.integer("offset")
    page = await _catalogue(request).browse(
        principal_of(request), order, limit, offset, requested_language(request)
    )
    return json_response(page_answer(page, limit, offset))


@operation("listMovies", permission="movies:list", cache=CacheCategory.CATALOG)
async def list_movies(request: web.Request) -> web.Response:
    return await _listed(request, parse_order(params_of(request).text("order_by")))


@operation("getRecentlyAdded", permission="movies:list", cache=CacheCategory.CATALOG)
async def get_recently_added(request: web.Request) -> web.Response:
    return await _listed(request, MovieOrder.ADDED)


@operation("getTopRated", permission="movies:list", cache=CacheCategory.CATALOG)
async def get_top_rated(request: web.Request) -> web.Response:
    params = params_of(request)
    limit, offset = params.integer("limit"), params.integer("offset")
    catalogue = _catalogue(request)
    page = await catalogue.top_rated(
        principal_of(request),
        params.integer("min_votes"),
        limit,
        offset,
        requested_language(request),
    )
    return json_response(page_answer(page, limit, offset))


@operation("getMovie", permission="movies:get", cache=CacheCategory.CATALOG)
async def get_movie(request: web.Request) -> web.Response:
    movie_id = params_of(request).uuid("id")
    catalogue = _catalogue(request)
    movie = await catalogue.get(principal_of(request), movie_id, requested_language(request))
    return json_response(movie)


@operation("getMovieFiles", permission="movies:get", cache=CacheCategory.CATALOG)
async def get_movie_files(request: web.Request) -> web.Response:
    movie_id = params_of(request).uuid("id")
    files = await _catalogue(request).files(principal_of(request), movie_id)
    return json_response([with_codec(file) for file in unstructured(files)])


credits.add_routes(OPERATIONS, _catalogue, cast="getMovieCast", crew="getMovieCrew")


@operation("getMovieGenres", permission="movies:get", cache=CacheCategory.CATALOG)
async def get_movie_genres(request: web.Request) -> web.Response:
    movie_id = params_of(request).uuid("id")
    return json_response(await _catalogue(request).genres(principal_of(request), movie_id))


@operation("getCollection", permission="movies:get", cache=CacheCategory.CATALOG)
async def get_collection(request: web.Request) -> web.Response:
    collection_id = params_of(request).uuid("id")
    catalogue = _catalogue(request)
    return json_response(await catalogue.collection(principal_of(request), collection_id))


@operation("getCollectionMovies", permission="movies:get", cache=CacheCategory.CATALOG)
async def get_collection_movies(request: web.Request) -> web.Response:
    collection_id = params_of(request).uuid("id")
    catalogue = _catalogue(request)
    movies = await catalogue.collection_movies(
        principal_of(request), collection_id, requested_language(request)
    )
    return json_response(movies)


watch_progress.add_routes(
    OPERATIONS,
    _watching,
    get="getWatchProgress",
    update="updateWatchProgress",
    delete="deleteWatchProgress",
)


@operation("getContinueWatching", permission="movies:list")
async def get_continue_watching(request: web.Request) -> web.Response:
    limit, principal = params_of(request).integer("limit"), principal_of(request)
    items = await _watching(request).continue_watching(
        principal, limit, requested_language(request)
    )
    return json_response([movie_resume(item, principal.user_id) for item in unstructured(items)])


@operation("getWatchHistory", permission="movies:list")
async def get_watch_history(request: web.Request) -> web.Response:
    params = params_of(request)
    watching = _watching(request)
    items = await watching.history(
        principal_of(request),
        params.integer("limit"),
        params.integer("offset"),
        requested_language(request),
    )
    return json_response(items)


@operation("getUserMovieStats", permission="movies:list")
async def get_user_movie_stats(request: web.Request) -> web.Response:
    return json_response(await _watching(request).stats(principal_of(request)))


@operation("getMovieCollection", permission="movies:get", cache=CacheCategory.CATALOG)
async def get_movie_collection(request: web.Request) -> web.Response:
    movie_id = params_of(request).uuid("id")
    catalogue = _catalogue(request)
    return json_response(await catalogue.movie_collection(principal_of(request), movie_id))


@operation("getSimilarMovies", permission="movies:get", cache=CacheCategory.CATALOG)
async def get_similar_movies(request: web.Request) -> web.Response:
    movie_id = params_of(request).uuid("id")
    catalogue = _catalogue(request)
    similar = await catalogue.similar(principal_of(request), movie_id, requested_language(request))
    return json_response(similar)


@operation("markAsWatched", permission="playback:progress")
async def mark_as_watched(request: web.Request) -> web.Response:
    movie_id = params_of(request).uuid("id")
    await _watching(request).mark_watched(principal_of(request), movie_id)
    return web.Response(status=204)


@operation("listGenres", permission="movies:list", cache=CacheCategory.CATALOG)
async def list_genres(request: web.Request) -> web.Response:
    return json_response(await _catalogue(request).all_genres(principal_of(request)))


@operation("searchMovies", permission="movies:list", cache=CacheCategory.CATALOG)
async def search_movies(request: web.Request) -> web.Response:
    params = params_of(request)
    limit, offset = params.integer("limit"), params.integer("offset")
    search = request.app[MOVIES].search
    movies = await search.search(principal_of(request), params.text("query"), limit, offset)
    return json_response(movies)
