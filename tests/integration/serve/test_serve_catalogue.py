"""From folders of video files to a browsable catalogue on a fresh `revenge serve`: scans through
the API give titles from names and .nfo files; refresh jobs against a local server answering
like TMDb add overviews, people and posters, served resized through the image endpoint beside
the library's own artwork."""

from __future__ import annotations

import asyncio
import io
import threading
import urllib.parse
import urllib.request
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from PIL import Image

from tests.integration.metadata.fake_providers import TMDB_KEY, FakeProvider, fake_tmdb
from tests.integration.serve import test_serve
from tests.integration.serve.test_serve import Server, create_admin, data_dir
from tests.integration.serve.test_serve_scanning import call, eventually, media, place, sign_in
from tests.unit.images.pictures import picture

pytestmark = pytest.mark.embedded
__all__ = ["data_dir", "media"]  # the fixtures, used below
T = TypeVar("T")
HOLIDAY_NFO = """<movie><title>Our Holiday</title><year>2003</year>
<plot>Two weeks by the sea.</plot></movie>"""
MATRIX_POSTER = "/f89U3ADr1oiB1s9GkdPOEpXUk5H.jpg"
BREAKING_BAD_BACKDROP = "/tsRy63Mu5cu8etL1X7ZLyf7UP1M.jpg"
SEASON_POSTER = "/1BP4xYv9ZG4ZVHkL7ocOziBbSYH.jpg"


class Providers:
    """The fake TMDb API and an image host answering every `/t/p/original/<name>.jpg` with a
    1000x1500 JPEG, on an event loop of their own (the server runs in another process)."""

    def __init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self.images_served: list[str] = []

    def run(self, work: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(work, self._loop).result(timeout=30)

    def start(self) -> None:
        self._thread.start()
        self.tmdb: FakeProvider = self.run(self._tmdb())
        self.images: TestServer = self.run(self._image_host())

    def stop(self) -> None:
        self.run(self.tmdb.close())
        self.run(self.images.close())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    def env(self) -> dict[str, str]:
        return {
            "REVENGE_METADATA_TMDB_BASE_URL": self.tmdb.base_url,
            "REVENGE_METADATA_TMDB_API_KEY": TMDB_KEY,
            "REVENGE_IMAGES_TMDB_BASE_URL": str(self.images.make_url("/t/p/original")),
            "REVENGE_IMAGES_ALLOW_PRIVATE_ADDRESSES": "true",
            # The local TMDb: plain http on this machine.
            "REVENGE_OUTBOUND_ALLOW_HTTP": "true",
            "REVENGE_OUTBOUND_ALLOWED_HOSTS": "127.0.0.1",
        }

    @staticmethod
    async def _tmdb() -> FakeProvider:
        tmdb = fake_tmdb()
        await tmdb.start()
        return tmdb

    async def _image_host(self) -> TestServer:
        poster = picture(1000, 1500)

        async def original(request: web.Request) -> web.Response:
            self.images_served.append(request.match_info["name"])
            return web.Response(body=poster, content_type="image/jpeg")

        app = web.Application()
        app.router.add_get("/t/p/original/{name}", original)
        server = TestServer(app, host="127.0.0.1")
        await server.start_server()
        return server


@pytest.fixture
def providers() -> Iterator[Providers]:
    running = Providers()
    running.start()
    yield running
    running.stop()


def image_of(server: Server, token: str, kind: str, size: str, path: str) -> Image.Image:
    """The image a client gets for a catalogue `*_path` value."""
    url = server.url(f"/api/v1/images/{kind}/{size}/{urllib.parse.quote(path.lstrip('/'))}")
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        assert answer.headers["Content-Type"].startswith("image/")
        image = Image.open(io.BytesIO(answer.read()))
    image.load()
    return image


def by_title(server: Server, token: str, kind: str) -> dict[str, Any]:
    body = call(server, "GET", f"/api/v1/{kind}?limit=100", token)
    return {item["title"]: item for item in body["items"]}


def scan(server: Server, token: str, library_id: str) -> None:
    started = call(
        server, "POST", f"/api/v1/libraries/{library_id}/scan", token, {"scan_type": "full"}
    )

    def completed() -> bool:
        scans = call(server, "GET", f"/api/v1/libraries/{library_id}/scans", token)["scans"]
        return any(s["id"] == started["id"] and s["status"] == "completed" for s in scans)

    eventually(completed)


def refreshed(server: Server, token: str, path: str) -> dict[str, Any]:
    """The item once its metadata refresh has filled in an overview and a poster."""
    item: dict[str, Any] = eventually(
        lambda: (
            (found := call(server, "GET", path, token))
            and found.get("overview")
            and found.get("poster_path")
            and found
        ),
        45,
    )
    return item


def refreshed_season(server: Server, token: str, show_id: str) -> dict[str, Any]:
    """Season 1 once its own refresh (queued by the series refresh) has given it a poster."""
    path = f"/api/v1/tvshows/{show_id}/seasons"
    season: dict[str, Any] = eventually(
        lambda: next((s for s in call(server, "GET", path, token) if s.get("poster_path")), None),
        45,
    )
    return season


def write_media(media: Path) -> tuple[Path, Path]:
    clip = media / "clip.mkv"
    movies, shows = media / "movies", media / "shows"
    place(clip, movies / "The Matrix (1999)" / "The.Matrix.1999.1080p.BluRay.x264.mkv")
    place(clip, movies / "Home Video" / "movie.mkv")
    (movies / "Home Video" / "movie.nfo").write_text(HOLIDAY_NFO)
    (movies / "Home Video" / "poster.jpg").write_bytes(picture(600, 900))
    season = shows / "Breaking Bad (2008)" / "Season 01"
    place(clip, season / "Breaking Bad - S01E01 - Pilot.mkv")
    (season.parent / "folder.jpg").write_bytes(picture(400, 600))
    place(clip, season / "Breaking Bad - S01E02.mkv")
    return movies, shows


def library(server: Server, token: str, name: str, kind: str, folder: Path) -> str:
    body = {"name": name, "type": kind, "paths": [str(folder)]}
    created: str = call(server, "POST", "/api/v1/libraries", token, body)["id"]
    return created


def test_folders_of_videos_become_a_catalogue_with_people_and_artwork(
    data_dir: Path, media: Path, providers: Providers, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain_env = test_serve._env
    monkeypatch.setattr(test_serve, "_env", lambda: {**plain_env(), **providers.env()})
    assert create_admin(data_dir, "root", "root@example.com").returncode == 0
    movies_folder, shows_folder = write_media(media)
    server = Server(data_dir)
    server.start()
    try:
        token = sign_in(server)
        movies_id = library(server, token, "Movies", "movie", movies_folder)
        shows_id = library(server, token, "Shows", "tvshow", shows_folder)
        scan(server, token, movies_id)
        scan(server, token, shows_id)

        # Matching runs in jobs of its own after the scan: the catalogue fills in shortly.
        years = {"The Matrix": 1999, "Our Holiday": 2003}
        movies = eventually(
            lambda: (
                (found := by_title(server, token, "movies"))
                and {title: movie["year"] for title, movie in found.items()} == years
                and found
            )
        )
        shows = eventually(lambda: by_title(server, token, "tvshows"))
        assert set(shows) == {"Breaking Bad"}
        show_id = shows["Breaking Bad"]["id"]
        seasons = call(server, "GET", f"/api/v1/tvshows/{show_id}/seasons", token)
        assert [s["season_number"] for s in seasons] == [1]
        episodes = call(
            server, "GET", f"/api/v1/tvshows/seasons/{seasons[0]['id']}/episodes", token
        )
        assert sorted(e["episode_number"] for e in episodes) == [1, 2]

        holiday = call(server, "GET", f"/api/v1/movies/{movies['Our Holiday']['id']}", token)
        assert holiday["overview"] == "Two weeks by the sea."
        assert holiday["poster_path"] == f"local/{movies_id}/Home Video/poster.jpg"
        assert image_of(server, token, "poster", "w185", holiday["poster_path"]).size == (185, 278)

        matrix_path = f"/api/v1/movies/{movies['The Matrix']['id']}"
        matrix = refreshed(server, token, matrix_path)
        assert matrix["overview"].startswith("Set in the 22nd century")
        assert matrix["poster_path"] == MATRIX_POSTER
        cast = call(server, "GET", f"{matrix_path}/cast", token)["items"]
        keanu = next(credit for credit in cast if credit["name"] == "Keanu Reeves")
        assert keanu["character"] == "Thomas A. Anderson / Neo"
        assert image_of(server, token, "profile", "w185", keanu["profile_path"]).width == 185
        poster = image_of(server, token, "poster", "w342", matrix["poster_path"])
        assert (poster.format, poster.size) == ("JPEG", (342, 513))
        assert MATRIX_POSTER.lstrip("/") in providers.images_served

        show = refreshed(server, token, f"/api/v1/tvshows/{show_id}")
        assert show["overview"].startswith("Walter White")
        # The show's own folder.jpg stays its poster: the provider's only fills what is missing.
        assert show["poster_path"] == f"local/{shows_id}/Breaking Bad (2008)/folder.jpg"
        assert show["backdrop_path"] == BREAKING_BAD_BACKDROP
        show_cast = call(server, "GET", f"/api/v1/tvshows/{show_id}/cast", token)["items"]
        assert {"Bryan Cranston", "Aaron Paul"} <= {credit["name"] for credit in show_cast}
        season = refreshed_season(server, token, show_id)
        assert season["poster_path"] == SEASON_POSTER
        episodes = call(server, "GET", f"/api/v1/tvshows/seasons/{season['id']}/episodes", token)
        assert sorted((e["episode_number"], e["title"]) for e in episodes) == [
            (1, "Pilot"),
            (2, "Cat's in the Bag..."),
        ]
        assert image_of(server, token, "poster", "w342", show["poster_path"]).size == (342, 513)
        backdrop = image_of(server, token, "backdrop", "w780", show["backdrop_path"])
        assert backdrop.width == 780
    finally:
        assert server.stop() == 0
