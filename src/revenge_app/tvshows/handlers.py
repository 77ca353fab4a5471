"""Handlers of /api/v1/tvshows: series, seasons, episodes and the caller's progress.

Reads answer only series of libraries the caller may read (the use cases filter them); watch
state is the caller's own.
"""

from __future__ import annotations

from uuid import UUID

from aiohttp import web

from revenge_app.http import credits, watch_progress
from revenge_app.http.answers import json_response, page_answer, unstructured
from revenge_app.http.client_fields import episode_resume, with_codec
from revenge_app.http.language import requested_language
from revenge_app.http.routes import CacheCategory, Operations
from revenge_app.http.state import body_of, params_of, principal_of
from revenge_app.tvshows.container import TVSHOWS
from revenge_domain.tvshows import TVShows, TVViewing, TVWatching, parse_order

OPERATIONS = Operations()
operation = OPERATIONS.operation


def _shows(request: web.Request) -> TVShows:
    return request.app[TVSHOWS].shows


def _watching(request: web.Request) -> TVWatching:
    return request.app[TVSHOWS].watching


@operation("listTVShows", permission="movies:list", cache=CacheCategory.CATALOG)
async def list_tv_shows(request: web.Request) -> web.Response:
    params = params_of(request)
    limit, offset = params.integer("limit"), params.integer("offset")
    order = parse_order(params.text("order_by"))
    page = await _shows(request).series_page(
        principal_of(request), order, limit, offset, requested_language(request)
    )
    return json_response({"items": page.items, "total": page.total})


@operation("getRecentlyAddedTVShows", permission="movies:list", cache=CacheCategory.CATALOG)
async def get_recently_added_tv_shows(request: web.Request) -> web.Response:
    params = params_of(request)
    limit, offset = params.integer("limit"), params.integer("offset")
    page = await _shows(request).recently_added(
        principal_of(request), limit, offset, requested_language(request)
    )
    return json_response(page_answer(page, limit, offset))


@operation("getTVShow", permission="movies:get", cache=CacheCategory.CATALOG)
async def get_tv_show(request: web.Request) -> web.Response:
    series_id = params_of(request).uuid("id")
    series = await _shows(request).get(
        principal_of(request), series_id, requested_language(request)
    )
    return json_response(series)


@operation("getTVShowSeasons", permission="movies:get", cache=CacheCategory.CATALOG)
async def get_tv_show_seasons(request: web.Request) -> web.Response:
    seasons = await _shows(request).seasons(principal_of(request), params_of(request).uuid("id"))
    return json_response(seasons)


@operation("getTVSeason", permission="movies:get", cache=CacheCategory.CATALOG)
async def get_tv_season(request: web.Request) -> web.Response:
    season = await _shows(request).season(principal_of(request), params_of(request).uuid("id"))
    return json_response(season)


@operation("getTVSeasonEpisodes", permission="movies:get", cache=CacheCategory.CATALOG)
async def get_tv_season_episodes(request: web.Request) -> web.Response:
    season_id = params_of(request).uuid("id")
    episodes = await _shows(request).season_episodes(principal_of(request), season_id)
    return json_response(episodes)


@operation("getTVEpisode", permission="movies:get", cache=CacheCategory.CATALOG)
async def get_tv_episode(request: web.Request) -> web.Response:
    episode = await _shows(request).episode(principal_of(request), params_of(request).uuid("id"))
    return json_response(episode)


credits.add_routes(OPERATIONS, _shows, cast="getTVShowCast", crew="getTVShowCrew")


@operation("getTVShowGenres", permission="movies:get", cache=CacheCategory.CATALOG)
async def get_tv_show_genres(request: web.Request) -> web.Response:
    genres = await _shows(request).genres(principal_of(request), params_of(request).uuid("id"))
    return json_response(genres)


@operation("getTVShowNetworks", permission="movies:get", cache=CacheCategory.CATALOG)
async def get_tv_show_networks(request: web.Request) -> web.Response:
    series_id = params_of(request).uuid("id")
    networks = await _shows(request).networks(principal_of(request), series_id)
    return json_response(networks)


watch_progress.add_routes(
    OPERATIONS,
    _watching,
    get="getTVEpisodeProgress",
    update="updateTVEpisodeProgress",
    delete="deleteTVEpisodeProgress",
)


@operation("getTVShowNextEpisode", permission="movies:get")
async def get_tv_show_next_episode(request: web.Request) -> web.Response:
    series_id = params_of(request).uuid("id")
    episode = await _watching(request).next_episode(principal_of(request), series_id)
    return json_response(episode)


@operation("markTVEpisodesBulkWatched", permission="playback:progress")
async def mark_tv_episodes_bulk_watched(request: web.Request) -> web.Response:
    ids = [UUID(value) for value in body_of(request)["episode_ids"]]
    marked = await _watching(request).mark_episodes(principal_of(request), ids)
    return json_response({"marked_count": marked})


@operation("markTVSeasonWatched", permission="playback:progress")
async def mark_tv_season_watched(request: web.Request) -> web.Response:
    season_id = params_of(request).uuid("id")
    marked = await _watching(request).mark_season(principal_of(request), season_id)
    return json_response({"marked_count": marked})


def _viewing(request: web.Request) -> TVViewing:
    return request.app[TVSHOWS].viewing


@operation("getTVShowEpisodes", permission="movies:get", cache=CacheCategory.CATALOG)
async def get_tv_show_episodes(request: web.Request) -> web.Response:
    series_id = params_of(request).uuid("id")
    episodes = await _viewing(request).series_episodes(principal_of(request), series_id)
    return json_response(episodes)


@operation("getTVEpisodeFiles", permission="movies:get", cache=CacheCategory.CATALOG)
async def get_tv_episode_files(request: web.Request) -> web.Response:
    episode_id = params_of(request).uuid("id")
    files = await _viewing(request).episode_files(principal_of(request), episode_id)
    return json_response([with_codec(file) for file in unstructured(files)])


@operation("getRecentEpisodes", permission="movies:list", cache=CacheCategory.CATALOG)
async def get_recent_episodes(request: web.Request) -> web.Response:
    params = params_of(request)
    limit, offset = params.integer("limit"), params.integer("offset")
    episodes = await _viewing(request).recent(principal_of(request), limit, offset)
    return json_response(episodes)


@operation("getUpcomingEpisodes", permission="movies:list", cache=CacheCategory.CATALOG)
async def get_upcoming_episodes(request: web.Request) -> web.Response:
    params = params_of(request)
    limit, offset = params.integer("limit"), params.integer("offset")
    episodes = await _viewing(request).upcoming(principal_of(request), limit, offset)
    return json_response(episodes)


@operation("getTVContinueWatching", permission="movies:list")
async def get_tv_continue_watching(request: web.Request) -> web.Response:
    limit = params_of(request).integer("limit")
    principal = principal_of(request)
    points = await _viewing(request).continue_watching(principal, limit)
    return json_response(
        [episode_resume(point, principal.user_id) for point in unstructured(points)]
    )


@operation("getTVShowWatchStats", permission="movies:get")
async def get_tv_show_watch_stats(request: web.Request) -> web.Response:
    series_id = params_of(request).uuid("id")
    stats = await _viewing(request).series_stats(principal_of(request), series_id)
    return json_response(stats)


@operation("getUserTVStats", permission="movies:list")
async def get_user_tv_stats(request: web.Request) -> web.Response:
    stats = await _viewing(request).user_stats(principal_of(request))
    return json_response(stats)


@operation("markTVEpisodeWatched", permission="playback:progress")
async def mark_tv_episode_watched(request: web.Request) -> web.Response:
    body = body_of(request) or {}
    episode_id = params_of(request).uuid("id")
    duration = body.get("duration_seconds")
    await _viewing(request).mark_episode(principal_of(request), episode_id, duration)
    return web.Response(status=204)


@operation("searchTVShows", permission="movies:list", cache=CacheCategory.CATALOG)
async def search_tv_shows(request: web.Request) -> web.Response:
    params = params_of(request)
    limit, offset = params.integer("limit"), params.integer("offset")
    search = request.app[TVSHOWS].search
    found = await search.search(principal_of(request), params.text("query"), limit, offset)
    return json_response(found)
