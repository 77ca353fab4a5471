"""Local servers that answer like TMDb, TheTVDB, OMDb and Fanart.tv, from the JSON fixtures.

Each one runs on a free loopback port (`base_url`), records every request (`seen`), and can be
told to fail its next answers (`fail_next`, `malformed_next`) or to answer slowly (`delay_s`),
so the production adapters are tested against the providers' real wire format and failures.

    async with running(fake_tmdb()) as tmdb:
        provider = TmdbProvider(tmdb_settings(tmdb.base_url))
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import attrs
from aiohttp import web
from aiohttp.test_utils import TestServer

from revenge_adapters.metadata import ProviderSettings
from tests.integration.support import LOOPBACK_POLICY

FIXTURES = Path(__file__).parent / "fixtures"
TMDB_KEY = "tmdb-test-key-0123456789abcdef"
TMDB_READ_TOKEN = "eyJhbGciOiJIUzI1NiJ9.test-read-access-token.signature"
TVDB_KEY = "tvdb-test-key"
OMDB_KEY = "omdb123"
FANART_KEY = "fanart-test-key"

Handler = Callable[[web.Request], Any]


def fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@attrs.frozen
class Seen:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]


@attrs.frozen
class Scripted:
    status: int
    body: str
    headers: dict[str, str]


class FakeProvider:
    """One provider on a free loopback port. `check` refuses requests without valid credentials
    (returning the provider's own 401 answer), `routes` answer the rest."""

    def __init__(
        self,
        name: str,
        routes: list[web.RouteDef],
        check: Callable[[web.Request], web.Response | None],
    ) -> None:
        self.name = name
        self.seen: list[Seen] = []
        self.delay_s = 0.0
        self._scripted: list[Scripted] = []
        self._check = check
        app = web.Application(middlewares=[self._middleware])
        app.add_routes(routes)
        self._server = TestServer(app, host="127.0.0.1")

    @property
    def base_url(self) -> str:
        return str(self._server.make_url("")).rstrip("/")

    async def start(self) -> None:
        await self._server.start_server()

    async def close(self) -> None:
        await self._server.close()

    def fail_next(
        self, status: int, body: Any = None, headers: dict[str, str] | None = None, times: int = 1
    ) -> None:
        text = "" if body is None else json.dumps(body)
        self._scripted.extend(Scripted(status, text, dict(headers or {})) for _ in range(times))

    def malformed_next(self, times: int = 1) -> None:
        broken = Scripted(200, '{"page": 1, "results": [{"id": 603, "title": "The Ma', {})
        self._scripted.extend(broken for _ in range(times))

    def hits(self, path: str | None = None) -> int:
        return sum(1 for s in self.seen if path is None or s.path == path)

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        self.seen.append(
            Seen(request.method, request.path, dict(request.query), dict(request.headers))
        )
        if self.delay_s:
            await asyncio.sleep(self.delay_s)
        if self._scripted:
            answer = self._scripted.pop(0)
            return web.Response(
                status=answer.status,
                text=answer.body,
                headers=answer.headers,
                content_type="application/json",
            )
        refused = self._check(request)
        if refused is not None:
            return refused
        response: web.StreamResponse = await handler(request)
        return response


@contextlib.asynccontextmanager
async def running(provider: FakeProvider) -> AsyncIterator[FakeProvider]:
    await provider.start()
    try:
        yield provider
    finally:
        await provider.close()


# --- TMDb ---------------------------------------------------------------------------------------
TMDB_NOT_FOUND = {
    "success": False,
    "status_code": 34,
    "status_message": "The resource you requested could not be found.",
}
TMDB_BAD_KEY = {
    "status_code": 7,
    "status_message": "Invalid API key: You must be granted a valid key.",
    "success": False,
}
TMDB_TOO_MANY = {
    "status_code": 25,
    "status_message": "Your request count (41) is over the allowed limit of (40).",
}
_TMDB_TEXTS = ("title", "name", "overview", "tagline", "biography")
_TMDB_DETAILS = {
    "movie/603": "tmdb/movie_603.json",
    "tv/1396": "tmdb/tv_1396.json",
    "person/6384": "tmdb/person_6384.json",
}


def _tmdb_check(request: web.Request) -> web.Response | None:
    key_ok = request.query.get("api_key") == TMDB_KEY
    token_ok = request.headers.get("Authorization") == f"Bearer {TMDB_READ_TOKEN}"
    return None if key_ok or token_ok else web.json_response(TMDB_BAD_KEY, status=401)


def _localised(kind: str, body: dict[str, Any], language: str) -> dict[str, Any]:
    """As TMDb does: texts in `language` when translated; else the title stays, the rest is
    empty."""
    lang = language.split("-")[0]
    if lang == "en":
        return body
    translation = fixture("tmdb/translations.json").get(kind, {}).get(lang)
    localised = dict(body)
    for text in _TMDB_TEXTS:
        if text in body and text not in ("title", "name"):
            localised[text] = ""
    localised.update(translation or {})
    return localised


def _image_filter(images: dict[str, Any], wanted: str | None) -> dict[str, Any]:
    if not wanted:
        return images
    languages = {None if code == "null" else code for code in wanted.split(",")}
    return {
        group: [i for i in items if i.get("iso_639_1") in languages]
        for group, items in images.items()
    }


def _details(kind: str, request: web.Request) -> dict[str, Any] | None:
    key = f"{kind}/{request.match_info['id']}"
    if key not in _TMDB_DETAILS:
        return None
    return copy.deepcopy(fixture(_TMDB_DETAILS[key]))


def _tmdb_found(body: Any) -> web.Response:
    if body is None:
        return web.json_response(TMDB_NOT_FOUND, status=404)
    return web.json_response(body)


def _tmdb_detail(kind: str, appendable: tuple[str, ...]) -> Handler:
    async def handle(request: web.Request) -> web.Response:
        body = _details(kind, request)
        if body is None:
            return _tmdb_found(None)
        appended = set(request.query.get("append_to_response", "").split(","))
        for name in appendable:
            if name not in appended:
                body.pop(name, None)
        if "images" in body:
            wanted = request.query.get("include_image_language")
            body["images"] = _image_filter(body["images"], wanted)
        language = request.query.get("language", "en")
        return web.json_response(_localised(f"{kind}/{body['id']}", body, language))

    return handle


def _tmdb_part(kind: str, part: str) -> Handler:
    async def handle(request: web.Request) -> web.Response:
        body = _details(kind, request)
        if body is None or part not in body:
            return _tmdb_found(None)
        found = body[part]
        if part == "images":
            found = _image_filter(found, request.query.get("include_image_language"))
        return web.json_response({"id": body["id"], **found})

    return handle


def _tmdb_file(name: str, **match: str) -> Handler:
    async def handle(request: web.Request) -> web.Response:
        if any(request.match_info.get(k) != v for k, v in match.items()):
            return _tmdb_found(None)
        return web.json_response(fixture(name))

    return handle


def _tmdb_search(name: str, title: str, date: str = "", year_param: str = "") -> Handler:
    async def handle(request: web.Request) -> web.Response:
        body = fixture(name)
        query = request.query.get("query", "").lower()
        year = request.query.get(year_param, "") if year_param else ""
        results = [
            r
            for r in body["results"]
            if query in r[title].lower() and str(r.get(date, "")).startswith(year)
        ]
        body.update(results=results, total_results=len(results), total_pages=1 if results else 0)
        return web.json_response(body)

    return handle


def _tmdb_subfile(name: str, image_group: str | None = None) -> Handler:
    async def handle(request: web.Request) -> web.Response:
        if request.match_info["id"] != "1396" or request.match_info["season"] != "1":
            return _tmdb_found(None)
        if request.match_info.get("episode", "1") != "1":
            return _tmdb_found(None)
        body = fixture(name)
        if image_group is not None:
            return web.json_response({"id": body["id"], image_group: body["images"][image_group]})
        appended = set(request.query.get("append_to_response", "").split(","))
        for part in ("credits", "external_ids", "images"):
            if part not in appended:
                body.pop(part, None)
        return web.json_response(body)

    return handle


def fake_tmdb() -> FakeProvider:
    season, episode = "/tv/{id}/season/{season}", "/tv/{id}/season/{season}/episode/{episode}"
    movie_parts = ("credits", "external_ids", "release_dates", "images", "videos")
    tv_parts = ("aggregate_credits", "external_ids", "content_ratings", "images", "videos")
    routes = [
        web.get(
            "/search/movie", _tmdb_search("tmdb/search_movie.json", "title", "release_date", "year")
        ),
        web.get(
            "/search/tv",
            _tmdb_search("tmdb/search_tv.json", "name", "first_air_date", "first_air_date_year"),
        ),
        web.get("/search/person", _tmdb_search("tmdb/search_person.json", "name")),
        web.get("/movie/{id}", _tmdb_detail("movie", movie_parts)),
        web.get("/movie/{id}/credits", _tmdb_part("movie", "credits")),
        web.get("/movie/{id}/images", _tmdb_part("movie", "images")),
        web.get("/movie/{id}/external_ids", _tmdb_part("movie", "external_ids")),
        web.get("/movie/{id}/release_dates", _tmdb_part("movie", "release_dates")),
        web.get("/movie/{id}/similar", _tmdb_file("tmdb/similar_603.json", id="603")),
        web.get("/movie/{id}/recommendations", _tmdb_file("tmdb/similar_603.json", id="603")),
        web.get("/collection/{id}", _tmdb_file("tmdb/collection_2344.json", id="2344")),
        web.get("/tv/{id}", _tmdb_detail("tv", tv_parts)),
        web.get("/tv/{id}/aggregate_credits", _tmdb_part("tv", "aggregate_credits")),
        web.get("/tv/{id}/images", _tmdb_part("tv", "images")),
        web.get("/tv/{id}/content_ratings", _tmdb_part("tv", "content_ratings")),
        web.get("/tv/{id}/external_ids", _tmdb_part("tv", "external_ids")),
        web.get(season, _tmdb_subfile("tmdb/tv_1396_season_1.json")),
        web.get(f"{season}/images", _tmdb_subfile("tmdb/tv_1396_season_1.json", "posters")),
        web.get(episode, _tmdb_subfile("tmdb/tv_1396_season_1_episode_1.json")),
        web.get(
            f"{episode}/images", _tmdb_subfile("tmdb/tv_1396_season_1_episode_1.json", "stills")
        ),
        web.get("/person/{id}", _tmdb_detail("person", ("external_ids", "images"))),
        web.get("/person/{id}/images", _tmdb_part("person", "images")),
        web.get(
            "/person/{id}/combined_credits",
            _tmdb_file("tmdb/person_6384_combined_credits.json", id="6384"),
        ),
    ]
    return FakeProvider("tmdb", routes, _tmdb_check)


# --- TheTVDB -------------------------------------------------------------------------------------
TVDB_NOT_FOUND = {"status": "failure", "message": "NotFoundException: not found", "data": None}
TVDB_UNAUTHORIZED = {"status": "failure", "message": "Unauthorized", "data": None}


class FakeTvdb(FakeProvider):
    """TheTVDB v4: `/login` hands out bearer tokens; `expire_tokens` makes them all invalid."""

    def __init__(self) -> None:
        self.tokens: set[str] = set()
        self.logins = 0
        routes = [
            web.post("/login", self._login),
            web.get("/search", self._search),
            web.get("/series/{id}/extended", self._series),
            web.get("/seasons/{id}/extended", self._season),
            web.get("/series/{id}/episodes/official/{lang}", self._episodes),
        ]
        super().__init__("tvdb", routes, self._check_token)

    def expire_tokens(self) -> None:
        self.tokens.clear()

    def _check_token(self, request: web.Request) -> web.Response | None:
        if request.path == "/login":
            return None
        bearer = request.headers.get("Authorization", "").removeprefix("Bearer ")
        return None if bearer in self.tokens else web.json_response(TVDB_UNAUTHORIZED, status=401)

    async def _login(self, request: web.Request) -> web.Response:
        body = await request.json()
        if body.get("apikey") != TVDB_KEY:
            failure = {"status": "failure", "message": "InvalidAPIKey", "data": None}
            return web.json_response(failure, status=401)
        self.logins += 1
        token = f"tvdb-token-{self.logins}"
        self.tokens.add(token)
        return web.json_response({"status": "success", "data": {"token": token}})

    async def _search(self, request: web.Request) -> web.Response:
        body = fixture("tvdb/search_series.json")
        query = request.query.get("query", "").lower()
        body["data"] = [item for item in body["data"] if query in item["name"].lower()]
        body["links"]["total_items"] = len(body["data"])
        return web.json_response(body)

    async def _series(self, request: web.Request) -> web.Response:
        if request.match_info["id"] != "81189":
            return web.json_response(TVDB_NOT_FOUND, status=404)
        body = fixture("tvdb/series_81189_extended.json")
        if request.query.get("short") == "true":
            for part in ("characters", "artworks", "trailers"):
                body["data"][part] = None
        if request.query.get("meta") != "translations":
            body["data"].pop("translations")
        return web.json_response(body)

    async def _season(self, request: web.Request) -> web.Response:
        if request.match_info["id"] != "30272":
            return web.json_response(TVDB_NOT_FOUND, status=404)
        return web.json_response(fixture("tvdb/season_30272_extended.json"))

    async def _episodes(self, request: web.Request) -> web.Response:
        if request.match_info["id"] != "81189":
            return web.json_response(TVDB_NOT_FOUND, status=404)
        body = fixture("tvdb/episodes_81189.json")
        season, number = request.query.get("season"), request.query.get("episodeNumber")
        episodes = [
            e
            for e in body["data"]["episodes"]
            if (season is None or str(e["seasonNumber"]) == season)
            and (number is None or str(e["number"]) == number)
        ]
        lang = request.match_info["lang"]
        if lang != "eng":
            name = f"tvdb/episode_translations_{lang}.json"
            texts = fixture(name) if (FIXTURES / name).exists() else {}
            for episode in episodes:
                text = texts.get(str(episode["id"]), {})
                episode["name"] = text.get("name") or None
                episode["overview"] = text.get("overview") or None
        body["data"]["episodes"] = episodes
        return web.json_response(body)


def fake_tvdb() -> FakeTvdb:
    return FakeTvdb()


# --- OMDb ---------------------------------------------------------------------------------------
class FakeOmdb(FakeProvider):
    """OMDb: unknown titles are HTTP 200 with `"Response": "False"`; `quota_spent` plays the
    daily limit."""

    def __init__(self) -> None:
        self.quota_spent = False
        super().__init__("omdb", [web.get("/", self._title)], self._check_key)

    def _check_key(self, request: web.Request) -> web.Response | None:
        if request.query.get("apikey") != OMDB_KEY:
            return web.json_response({"Response": "False", "Error": "Invalid API key!"}, status=401)
        if self.quota_spent:
            limit = {"Response": "False", "Error": "Request limit reached!"}
            return web.json_response(limit, status=401)
        return None

    async def _title(self, request: web.Request) -> web.Response:
        if request.query.get("i") != "tt0133093":
            return web.json_response({"Response": "False", "Error": "Incorrect IMDb ID."})
        return web.json_response(fixture("omdb/tt0133093.json"))


def fake_omdb() -> FakeOmdb:
    return FakeOmdb()


# --- Fanart.tv ----------------------------------------------------------------------------------
FANART_NOT_FOUND = {"status": "error", "error message": "Not found"}


def _fanart_check(request: web.Request) -> web.Response | None:
    if request.query.get("api_key") == FANART_KEY:
        return None
    return web.json_response({"status": "error", "error message": "Invalid API key"}, status=401)


def _fanart(name: str, ids: tuple[str, ...]) -> Handler:
    async def handle(request: web.Request) -> web.Response:
        if request.match_info["id"] not in ids:
            return web.json_response(FANART_NOT_FOUND, status=404)
        return web.json_response(fixture(name))

    return handle


def fake_fanart() -> FakeProvider:
    routes = [
        web.get("/movies/{id}", _fanart("fanart/movies_603.json", ("603", "tt0133093"))),
        web.get("/tv/{id}", _fanart("fanart/tv_81189.json", ("81189",))),
    ]
    return FakeProvider("fanarttv", routes, _fanart_check)


# --- pointing the adapters at the fakes ---------------------------------------------------------
KEYS = {"tmdb": TMDB_KEY, "tvdb": TVDB_KEY, "omdb": OMDB_KEY, "fanarttv": FANART_KEY}


def settings_of(fake: FakeProvider, **changes: Any) -> ProviderSettings:
    """Adapter settings for `fake`: its URL and key, a short timeout, no rate limiting to speak
    of (unless `changes` say otherwise)."""
    base = ProviderSettings(
        name=fake.name,
        base_url=fake.base_url,
        api_key=KEYS[fake.name],
        timeout_s=2.0,
        rate_per_s=1000.0,
        burst=1000,
        policy=LOOPBACK_POLICY,
    )
    return attrs.evolve(base, **changes)


def config_overrides(*fakes: FakeProvider) -> dict[str, object]:
    """`metadata.*` settings (as `load_config` overrides) pointing the server at `fakes`."""
    found: dict[str, object] = {
        "outbound.allow_http": True,
        "outbound.allow_private_addresses": True,
    }
    for fake in fakes:
        found[f"metadata.{fake.name}_base_url"] = fake.base_url
        found[f"metadata.{fake.name}_api_key"] = KEYS[fake.name]
        found[f"metadata.{fake.name}_rate_per_s"] = 1000.0
        found[f"metadata.{fake.name}_timeout_s"] = 2.0
    return found
