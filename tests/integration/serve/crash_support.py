"""A `revenge serve` (and, if asked, a separate `revenge worker`) on the test PostgreSQL and
Redis, for tests that kill them with SIGKILL; and a library of many tiny movie files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from revenge_app.embedded.process import free_port

REVENGE = str(Path(__file__).resolve().parents[3] / ".venv" / "bin" / "revenge")
PASSWORD = "correct horse battery"
# From the restart until every title is in the catalogue, with no request but the counting.
RECOVERY_LIMIT_S = 120.0
ADJECTIVES = [
    "Silent",
    "Crimson",
    "Hidden",
    "Broken",
    "Golden",
    "Frozen",
    "Burning",
    "Distant",
    "Hollow",
    "Savage",
    "Gentle",
    "Wicked",
    "Lonely",
    "Fallen",
    "Ancient",
    "Electric",
    "Secret",
    "Restless",
    "Shattered",
    "Endless",
    "Velvet",
    "Iron",
    "Paper",
    "Glass",
    "Midnight",
    "Northern",
    "Scarlet",
    "Wandering",
    "Forgotten",
    "Bitter",
    "Radiant",
    "Quiet",
    "Stolen",
    "Drifting",
    "Lucky",
    "Merciless",
    "Twisted",
    "Hungry",
    "Faithful",
    "Painted",
]
NOUNS = [
    "River",
    "Harbor",
    "Empire",
    "Garden",
    "Witness",
    "Stranger",
    "Orchard",
    "Signal",
    "Frontier",
    "Lantern",
    "Kingdom",
    "Mirror",
    "Voyage",
    "Thunder",
    "Island",
    "Prophet",
    "Canyon",
    "Shadow",
    "Engine",
    "Circus",
    "Fortress",
    "Compass",
    "Meadow",
    "Tempest",
    "Outlaw",
    "Cathedral",
    "Desert",
    "Falcon",
    "Monsoon",
    "Pilgrim",
    "Serpent",
    "Valley",
    "Harvest",
    "Beacon",
    "Labyrinth",
    "Citadel",
    "Horizon",
    "Glacier",
    "Jungle",
    "Oracle",
    "Paradox",
    "Reckoning",
    "Summit",
    "Tide",
    "Verdict",
    "Wilderness",
    "Zephyr",
    "Anthem",
    "Bandit",
    "Cipher",
]


def movie_titles(count: int) -> list[str]:
    pairs = [f"{a} {n}" for n in NOUNS for a in ADJECTIVES]
    assert count <= len(pairs)
    return pairs[:count]


def make_movies(root: Path, count: int) -> set[str]:
    """`Title (Year)/Title (Year).mkv`, a few bytes each (nothing a prober could read)."""
    titles = movie_titles(count)
    for index, title in enumerate(titles):
        name = f"{title} ({1950 + index % 70})"
        folder = root / name
        folder.mkdir(parents=True)
        (folder / f"{name}.mkv").write_bytes(b"\x1a\x45\xdf\xa3")
    return set(titles)


class Stack:
    """The server and its worker on shared services; every process is started by the test."""

    def __init__(self, data_dir: Path, pg_url: str, redis_url: str, key_prefix: str) -> None:
        self.data_dir = data_dir
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("REVENGE_")},
            "REVENGE_LOGGING_FORMAT": "json",
            "REVENGE_DATABASE_URL": pg_url,
            "REVENGE_CACHE_URL": redis_url,
            "REVENGE_CACHE_KEY_PREFIX": key_prefix,
            "REVENGE_SEARCH_ENABLED": "false",
            "REVENGE_SCANNING_PROBE": "false",
        }
        self.port = free_port()
        self.server: subprocess.Popen[str] | None = None
        self.worker: subprocess.Popen[str] | None = None
        self.token = ""

    def start_server(self, **env: str) -> None:
        self.server = self._start(
            "serve",
            *("--host", "127.0.0.1", "--port", str(self.port)),
            *("--metrics-port", str(free_port())),
            env=env,
        )
        assert self.server.stdout is not None
        assert self.server.stdout.readline(), "serve exited before it was ready"

    def start_worker(self) -> None:
        self.worker = self._start("worker")

    def _start(self, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
        log = (self.data_dir / f"{args[0]}.log").open("a")
        return subprocess.Popen(
            [REVENGE, *args, "--data-dir", str(self.data_dir)],
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
            env={**self.env, **(env or {})},
        )

    def revenge(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [REVENGE, *args, "--data-dir", str(self.data_dir)],
            input=f"{PASSWORD}\n{PASSWORD}\n",
            capture_output=True,
            text=True,
            env=self.env,
            timeout=120,
            check=False,
        )

    @staticmethod
    def kill(process: subprocess.Popen[str] | None) -> None:
        assert process is not None
        process.send_signal(signal.SIGKILL)
        process.wait(10)

    def stop_all(self) -> None:
        for process in (self.server, self.worker):
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(10)

    def sign_in(self) -> None:
        answer = self.call("POST", "/api/v1/auth/login", {"username": "root", "password": PASSWORD})
        self.token = answer[1]["access_token"]

    def call(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}",
            data=json.dumps(body).encode() if body is not None else None,
            method=method,
            headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=20) as answer:
                return answer.status, json.loads(answer.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")

    def scan_running(self, library_id: str) -> bool:
        _, body = self.call("GET", f"/api/v1/libraries/{library_id}/scans")
        return any(scan["status"] == "running" for scan in body["scans"])

    def movie_titles(self) -> set[str]:
        found: set[str] = set()
        for offset in range(0, 100_000, 100):
            _, body = self.call("GET", f"/api/v1/movies?order_by=title&limit=100&offset={offset}")
            found |= {item["title"] for item in body["items"]}
            if len(body["items"]) < 100:
                return found
        return found

    def movie_count(self) -> int:
        status, body = self.call("GET", "/api/v1/movies?limit=1")
        assert status == 200, body
        return int(body["total"])


@attrs.frozen
class Recovery:
    """Seconds from the kill until the killed process was back, from then until every title
    was in the catalogue, and the two together; how a scan requested meanwhile was answered
    (status, body)."""

    restarted_s: float
    caught_up_s: float
    scan_request: tuple[int, Any] | None

    @property
    def complete_s(self) -> float:
        return self.restarted_s + self.caught_up_s


def kill_mid_scan(
    stack: Stack,
    media: Path,
    files: int,
    victim: str,
    moment: str,
    ask_again: bool = False,
    limit_s: float = RECOVERY_LIMIT_S,
) -> Recovery:
    """Scan a library of `files` new movies, SIGKILL the server (with its worker) or the
    worker alone during the walk or the matching, start it again and wait for every title;
    `ask_again` requests another scan right after the restart; fails after `limit_s`."""
    separate_worker = victim == "worker"
    stack.start_server(**({"REVENGE_JOBS_RUN_IN_SERVER": "false"} if separate_worker else {}))
    if separate_worker:
        stack.start_worker()
    created = stack.revenge(
        "create-admin", "--username", "root", "--email", "root@example.com", "--password-stdin"
    )
    assert created.returncode == 0, created.stderr
    stack.sign_in()
    status, library = stack.call(
        "POST", "/api/v1/libraries", {"name": "Movies", "type": "movie", "paths": [str(media)]}
    )
    assert status == 201, library
    scan_path = f"/api/v1/libraries/{library['id']}/scan"
    status, scan = stack.call("POST", scan_path, {"scan_type": "incremental"})
    assert status == 202, scan
    if moment == "walk":
        wait_for(lambda: stack.scan_running(library["id"]), 30, every_s=0.02)
    else:
        wait_for(lambda: stack.movie_count() >= files // 20, 90, every_s=0.1)
    stack.kill(stack.worker if separate_worker else stack.server)
    killed = time.monotonic()
    if separate_worker:
        stack.start_worker()
    else:
        stack.start_server()
    restarted = time.monotonic() - killed
    answer = stack.call("POST", scan_path, {"scan_type": "incremental"}) if ask_again else None
    caught_up = wait_for(lambda: stack.movie_count() >= files, limit_s, every_s=2.0)
    return Recovery(restarted, caught_up, answer)


def wait_for(check: Callable[[], Any], timeout_s: float, every_s: float = 0.25) -> float:
    """Seconds until `check()` is true; fails after `timeout_s`."""
    started = time.monotonic()
    while not check():
        elapsed = time.monotonic() - started
        assert elapsed < timeout_s, f"not seen within {timeout_s} s"
        time.sleep(every_s)
    return time.monotonic() - started
