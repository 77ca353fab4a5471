"""Local stand-ins for Radarr and Sonarr answering their v3 API in its wire format."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import attrs
from aiohttp import web
from aiohttp.test_utils import TestServer

API_KEY = "0123456789abcdef0123456789abcdef"
Handler = Callable[[web.Request], Awaitable[web.Response]]


def quality(name: str, resolution: int, source: str = "bluray") -> dict[str, Any]:
    return {
        "quality": {"id": 7, "name": name, "source": source, "resolution": resolution},
        "revision": {"version": 1, "real": 0, "isRepack": False},
    }


def radarr_movie(
    movie_id: int, title: str, year: int, folder: str, tmdb_id: int, file_id: int | None
) -> dict[str, Any]:
    """A movie as `GET /api/v3/movie` lists it (with its file when `file_id` is given)."""
    name = f"{title} ({year}) Bluray-1080p.mkv"
    movie: dict[str, Any] = {
        "id": movie_id,
        "title": title,
        "originalTitle": title,
        "sortTitle": title.lower(),
        "sizeOnDisk": 8_123_456_789 if file_id else 0,
        "status": "released",
        "overview": f"{title} overview",
        "year": year,
        "hasFile": file_id is not None,
        "path": folder,
        "qualityProfileId": 4,
        "monitored": True,
        "minimumAvailability": "released",
        "isAvailable": True,
        "folderName": folder,
        "runtime": 170,
        "tmdbId": tmdb_id,
        "imdbId": f"tt{tmdb_id:07d}",
        "titleSlug": str(tmdb_id),
        "rootFolderPath": folder.rsplit("/", 1)[0],
        "genres": ["Crime", "Drama"],
        "tags": [],
        "added": "2024-01-05T10:00:00Z",
        "images": [],
    }
    if file_id is not None:
        movie["movieFile"] = {
            "movieId": movie_id,
            "relativePath": name,
            "path": f"{folder}/{name}",
            "size": 8_123_456_789,
            "dateAdded": "2024-01-05T10:20:00Z",
            "edition": "",
            "languages": [{"id": 1, "name": "English"}],
            "quality": quality("Bluray-1080p", 1080),
            "customFormatScore": 0,
            "mediaInfo": {
                "audioBitrate": 1509000,
                "audioChannels": 5.1,
                "audioCodec": "DTS",
                "audioLanguages": "English",
                "audioStreamCount": 1,
                "videoBitDepth": 8,
                "videoBitrate": 0,
                "videoCodec": "x264",
                "videoDynamicRangeType": "",
                "videoFps": 23.976,
                "resolution": "1920x800",
                "runTime": "2:50:12",
                "scanType": "Progressive",
                "subtitles": "English/Spanish",
            },
            "qualityCutoffNotMet": False,
            "id": file_id,
        }
    return movie


def sonarr_series(
    series_id: int, title: str, year: int, folder: str, tvdb_id: int
) -> dict[str, Any]:
    return {
        "id": series_id,
        "title": title,
        "sortTitle": title.lower(),
        "status": "ended",
        "ended": True,
        "overview": f"{title} overview",
        "network": "AMC",
        "year": year,
        "path": folder,
        "qualityProfileId": 1,
        "seasonFolder": True,
        "monitored": True,
        "tvdbId": tvdb_id,
        "tvRageId": 0,
        "tvMazeId": 0,
        "imdbId": f"tt{tvdb_id:07d}",
        "titleSlug": title.lower().replace(" ", "-"),
        "rootFolderPath": folder.rsplit("/", 1)[0],
        "seriesType": "standard",
        "genres": ["Drama"],
        "tags": [],
        "added": "2024-01-05T10:00:00Z",
        "seasons": [{"seasonNumber": 1, "monitored": True}],
        "statistics": {"seasonCount": 1, "episodeFileCount": 2, "episodeCount": 2},
    }


def sonarr_episode(
    episode_id: int, series_id: int, season: int, number: int, title: str, file_id: int | None
) -> dict[str, Any]:
    return {
        "id": episode_id,
        "seriesId": series_id,
        "tvdbId": episode_id * 10,
        "episodeFileId": file_id or 0,
        "seasonNumber": season,
        "episodeNumber": number,
        "title": title,
        "airDate": f"2008-01-{20 + number:02d}",
        "airDateUtc": f"2008-01-{20 + number:02d}T03:00:00Z",
        "overview": f"{title} overview",
        "hasFile": file_id is not None,
        "monitored": True,
        "absoluteEpisodeNumber": number,
    }


def sonarr_episode_file(
    file_id: int, series_id: int, folder: str, season: int, name: str
) -> dict[str, Any]:
    relative = f"Season {season:02d}/{name}"
    return {
        "id": file_id,
        "seriesId": series_id,
        "seasonNumber": season,
        "relativePath": relative,
        "path": f"{folder}/{relative}",
        "size": 1_234_567_890,
        "dateAdded": "2024-01-05T10:30:00Z",
        "releaseGroup": "GRP",
        "languages": [{"id": 1, "name": "English"}],
        "quality": quality("HDTV-720p", 720, "television"),
        "mediaInfo": {
            "audioChannels": 2,
            "audioCodec": "AAC",
            "videoCodec": "x264",
            "resolution": "1280x720",
            "runTime": "47:10",
            "subtitles": "",
        },
        "qualityCutoffNotMet": False,
    }


PROFILES = [
    {
        "id": 4,
        "name": "HD-1080p",
        "upgradeAllowed": True,
        "cutoff": 7,
        "items": [],
        "minFormatScore": 0,
        "cutoffFormatScore": 0,
        "formatItems": [],
        "language": {"id": 1, "name": "English"},
    },
    {
        "id": 1,
        "name": "Any",
        "upgradeAllowed": False,
        "cutoff": 1,
        "items": [],
        "minFormatScore": 0,
    },
]


@attrs.define
class ArrState:
    """What the stand-in answers; tests change it between calls."""

    app_name: str
    movies: list[dict[str, Any]] = attrs.Factory(list)
    series: list[dict[str, Any]] = attrs.Factory(list)
    episodes: list[dict[str, Any]] = attrs.Factory(list)
    episode_files: list[dict[str, Any]] = attrs.Factory(list)
    root_folders: list[dict[str, Any]] = attrs.Factory(list)
    profiles: list[dict[str, Any]] = attrs.Factory(lambda: list(PROFILES))
    requests: list[str] = attrs.Factory(list)
    # Seconds every answer waits (to outlast the client's timeout).
    delay_s: float = 0.0


def _app(state: ArrState) -> web.Application:
    @web.middleware
    async def api_key(
        request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        state.requests.append(request.path_qs)
        await asyncio.sleep(state.delay_s)
        if request.headers.get("X-Api-Key") != API_KEY:
            return web.json_response({"error": "Unauthorized"}, status=401)
        return await handler(request)

    def by_id(items: list[dict[str, Any]], request: web.Request) -> web.Response:
        wanted = int(request.match_info["id"])
        found = [item for item in items if item["id"] == wanted]
        if not found:
            return web.json_response({"message": "NotFound"}, status=404)
        return web.json_response(found[0])

    def of_series(items: list[dict[str, Any]], request: web.Request) -> web.Response:
        wanted = int(request.query["seriesId"])
        return web.json_response([item for item in items if item["seriesId"] == wanted])

    async def status(request: web.Request) -> web.Response:
        return web.json_response(
            {
                "appName": state.app_name,
                "instanceName": state.app_name,
                "version": "5.2.6.8376",
                "buildTime": "2024-01-01T00:00:00Z",
                "isDebug": False,
                "isProduction": True,
                "isAdmin": False,
                "isUserInteractive": False,
                "startupPath": "/app",
                "appData": "/config",
                "osName": "ubuntu",
                "isDocker": True,
                "branch": "master",
                "authentication": "forms",
                "urlBase": "",
                "runtimeVersion": "6.0.25",
                "startTime": "2024-01-05T09:00:00Z",
            }
        )

    def listing(name: str) -> Handler:
        async def answer(request: web.Request) -> web.Response:
            items: list[dict[str, Any]] = getattr(state, name)
            if "id" in request.match_info:
                return by_id(items, request)
            if "seriesId" in request.query:
                return of_series(items, request)
            return web.json_response(items)

        return answer

    app = web.Application(middlewares=[api_key])
    app.router.add_get("/api/v3/system/status", status)
    app.router.add_get("/api/v3/qualityprofile", listing("profiles"))
    app.router.add_get("/api/v3/rootfolder", listing("root_folders"))
    app.router.add_get("/api/v3/movie", listing("movies"))
    app.router.add_get("/api/v3/movie/{id}", listing("movies"))
    app.router.add_get("/api/v3/series", listing("series"))
    app.router.add_get("/api/v3/series/{id}", listing("series"))
    app.router.add_get("/api/v3/episode", listing("episodes"))
    app.router.add_get("/api/v3/episodefile", listing("episode_files"))
    return app


@contextlib.asynccontextmanager
async def arr_server(state: ArrState) -> AsyncIterator[str]:
    """Serves `state` on a free loopback port; yields the base URL."""
    server = TestServer(_app(state), host="127.0.0.1")
    await server.start_server()
    try:
        yield str(server.make_url("")).rstrip("/")
    finally:
        await server.close()
