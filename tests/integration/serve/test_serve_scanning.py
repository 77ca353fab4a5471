"""Scanning in `revenge serve` on the embedded stack: scans through the job worker, start-up
scans and folder watchers, seen through the catalogue API."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.integration.serve import test_serve
from tests.integration.serve.test_serve import Server, create_admin, data_dir

pytestmark = pytest.mark.embedded
__all__ = ["data_dir"]  # the fixture, used below
PASSWORD = "correct horse battery"


def call(server: Server, method: str, path: str, token: str, body: Any = None) -> Any:
    request = urllib.request.Request(
        server.url(path),
        data=json.dumps(body).encode() if body is not None else None,
        method=method,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.loads(answer.read() or b"null")


def sign_in(server: Server) -> str:
    request = urllib.request.Request(
        server.url("/api/v1/auth/login"),
        data=json.dumps({"username": "root", "password": PASSWORD}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        token: str = json.loads(answer.read())["access_token"]
    return token


def eventually(check: Callable[[], Any], timeout_s: float = 20.0) -> Any:
    started = time.monotonic()
    while True:
        found = check()
        if found:
            return found
        assert time.monotonic() - started < timeout_s, "not seen in time"
        time.sleep(0.2)


@pytest.fixture
def media() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="revenge-serve-media-"))
    clip = folder / "clip.mkv"
    subprocess.run(
        [
            *(
                "ffmpeg",
                "-v",
                "error",
                "-f",
                "lavfi",
                "-i",
                "testsrc=duration=1:size=160x120:rate=5",
            ),
            *("-c:v", "libx264", "-preset", "ultrafast", "-y", str(clip)),
        ],
        check=True,
    )
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def place(clip: Path, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(clip, path)


def titles(server: Server, token: str, kind: str) -> set[str]:
    body = call(server, "GET", f"/api/v1/{kind}?limit=100", token)
    return {item["title"] for item in body["items"]}


def test_scans_start_up_scans_and_watchers_in_a_running_server(
    data_dir: Path, media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain_env = test_serve._env
    # Watchers look for newly monitored libraries every half second instead of every 30.
    monkeypatch.setattr(
        test_serve, "_env", lambda: {**plain_env(), "REVENGE_SCANNING_MONITOR_REFRESH_S": "0.5"}
    )
    assert create_admin(data_dir, "root", "root@example.com").returncode == 0
    clip = media / "clip.mkv"
    place(clip, media / "movies" / "Heat (1995)" / "Heat (1995).mkv")
    place(clip, media / "shows" / "Show" / "Season 01" / "Show - S01E01.mkv")
    place(clip, media / "shows" / "Show" / "Season 01" / "Show - S01E02.mkv")
    server = Server(data_dir)
    server.start()
    try:
        token = sign_in(server)
        movies = call(
            server,
            "POST",
            "/api/v1/libraries",
            token,
            {
                "name": "Movies",
                "type": "movie",
                "paths": [str(media / "movies")],
                "scan_on_startup": True,
                "realtime_monitoring": True,
            },
        )
        shows = call(
            server,
            "POST",
            "/api/v1/libraries",
            token,
            {"name": "Shows", "type": "tvshow", "paths": [str(media / "shows")]},
        )
        scan = call(
            server,
            "POST",
            f"/api/v1/libraries/{shows['id']}/scan",
            token,
            {"scan_type": "incremental"},
        )
        done = eventually(
            lambda: [
                s
                for s in call(server, "GET", f"/api/v1/libraries/{shows['id']}/scans", token)[
                    "scans"
                ]
                if s["id"] == scan["id"] and s["status"] == "completed"
            ]
        )
        assert done[0]["items_added"] == 2
        assert eventually(lambda: titles(server, token, "tvshows") == {"Show"})

        # The watcher that starts for the new library catches up with a scan: the file that was
        # there before it is listed without a scan request.
        assert eventually(lambda: "Heat" in titles(server, token, "movies"), 30)
        time.sleep(2.0)
        place(clip, media / "movies" / "Alien (1979)" / "Alien (1979).mkv")
        # Seconds when the machine is idle (tests/integration/scanning holds the watcher to 5 s);
        # the wide deadline is for a loaded CI machine, where the serve's worker shares the cores.
        assert eventually(lambda: "Alien" in titles(server, token, "movies"), 30)
    finally:
        assert server.stop() == 0

    server = Server(data_dir)
    server.start()
    try:
        token = sign_in(server)
        scans = f"/api/v1/libraries/{movies['id']}/scans"
        # The start-up scan (or the watcher's catch-up scan) walks both files; nothing is new.
        assert eventually(
            lambda: [
                s
                for s in call(server, "GET", scans, token)["scans"]
                if s["status"] == "completed" and (s["items_scanned"], s["items_added"]) == (2, 0)
            ]
        )
        listed = call(server, "GET", "/api/v1/movies?limit=50", token)
        assert {item["title"] for item in listed["items"]} == {"Heat", "Alien"}
    finally:
        assert server.stop() == 0
