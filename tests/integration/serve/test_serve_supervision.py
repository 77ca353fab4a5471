"""A running `revenge serve` brings back its embedded servers when they die (SIGKILL)."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from tests.integration.serve.test_serve import Server, create_admin, data_dir, get
from tests.integration.serve.test_serve_scanning import sign_in

pytestmark = pytest.mark.embedded
__all__ = ["data_dir"]  # the fixture, used below
BACK_WITHIN_S = 10.0


def pid_in(path: Path) -> int:
    """The pid in a pid file; 0 while there is none (a piece being started again)."""
    try:
        return int(path.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0


def piece_pids(data_dir: Path) -> dict[str, int]:
    return {
        "Redis": pid_in(data_dir / "redis" / "redis.pid"),
        "Typesense": pid_in(data_dir / "typesense" / "server.pid"),
        "PostgreSQL": pid_in(data_dir / "postgres" / "data" / "postmaster.pid"),
    }


def readiness(server: Server) -> dict[str, str]:
    _, body = get(server.url("/readyz"), timeout=5)
    checks = json.loads(body)["details"]["checks"]
    return {name: check["status"] for name, check in checks.items()}


def all_healthy(server: Server) -> bool:
    return set(readiness(server).values()) == {"healthy"}


class Traffic:
    """Requests in a loop on a thread of their own, recording every status."""

    def __init__(self, server: Server, token: str) -> None:
        self._server, self._token = server, token
        self.seen: list[tuple[str, int, str]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Traffic:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    def _run(self) -> None:
        paths = ["/healthz", "/api/v1/libraries", "/api/v1/search/multi?q=matrix", "/readyz"]
        while not self._stop.is_set():
            for path in paths:
                self.seen.append((path, *self._get(path)))
            time.sleep(0.05)

    def _get(self, path: str) -> tuple[int, str]:
        request = urllib.request.Request(
            self._server.url(path), headers={"Authorization": f"Bearer {self._token}"}
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                return answer.status, ""
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Retry-After", "")

    def server_errors(self) -> list[tuple[str, int, str]]:
        """5xx answers other than a 503 that says when to come back (and the probe's 503)."""
        return [
            (path, status, retry)
            for path, status, retry in self.seen
            if status >= 500 and not (status == 503 and (retry or path == "/readyz"))
        ]


def wait_back(server: Server, data_dir: Path, killed: dict[str, int]) -> float:
    began = time.monotonic()
    while time.monotonic() - began < BACK_WITHIN_S:
        now = piece_pids(data_dir)
        replaced = all(now[name] not in (0, pid) for name, pid in killed.items())
        if replaced and all(map(psutil.pid_exists, now.values())) and all_healthy(server):
            return time.monotonic() - began
        time.sleep(0.1)
    raise AssertionError(f"not back within {BACK_WITHIN_S} s: {readiness(server)}")


def restarts(server: Server, piece: str) -> float:
    _, metrics = get(server.url("/metrics", metrics=True))
    line = f'revenge_embedded_restarts_total{{outcome="restarted",piece="{piece}"}} '
    found = [row for row in metrics.decode().splitlines() if row.startswith(line)]
    return float(found[0].split()[-1]) if found else 0.0


@pytest.fixture
def server(data_dir: Path) -> Iterator[Server]:
    created = create_admin(data_dir, "root", "root@example.com")
    assert created.returncode == 0, created.stderr
    server = Server(data_dir)
    server.start()
    try:
        yield server
    finally:
        assert server.stop() == 0


def test_killed_redis_and_typesense_come_back_by_themselves(server: Server, data_dir: Path) -> None:
    token = sign_in(server)
    assert all_healthy(server)
    with Traffic(server, token) as traffic:
        time.sleep(0.5)
        killed = {name: pid for name, pid in piece_pids(data_dir).items() if name != "PostgreSQL"}
        for pid in killed.values():
            os.kill(pid, signal.SIGKILL)
        wait_back(server, data_dir, killed)
        time.sleep(0.5)
    assert traffic.server_errors() == []
    assert {path for path, status, _ in traffic.seen if status == 200} >= {"/api/v1/libraries"}
    assert restarts(server, "Redis") == 1
    assert restarts(server, "Typesense") == 1
    assert sign_in(server)  # sessions and rate limits in Redis work again


def test_killed_postgres_comes_back_by_itself(server: Server, data_dir: Path) -> None:
    token = sign_in(server)
    with Traffic(server, token) as traffic:
        time.sleep(0.5)
        killed = {"PostgreSQL": piece_pids(data_dir)["PostgreSQL"]}
        os.kill(killed["PostgreSQL"], signal.SIGKILL)
        wait_back(server, data_dir, killed)
        time.sleep(0.5)
    assert restarts(server, "PostgreSQL") == 1
    assert traffic.seen[-1][1] == 200


def test_a_killed_server_leaves_no_child_and_starts_again(data_dir: Path) -> None:
    created = create_admin(data_dir, "root", "root@example.com")
    assert created.returncode == 0, created.stderr
    server = Server(data_dir)
    server.start()
    assert server.process is not None
    children = psutil.Process(server.process.pid).children(recursive=True)
    pids = piece_pids(data_dir)
    assert set(pids.values()) <= {child.pid for child in children}

    server.process.kill()
    server.process.wait(timeout=10)
    _, alive = psutil.wait_procs(children, timeout=10)
    assert alive == []

    again = Server(data_dir)
    again.start()
    try:
        assert all_healthy(again)
        assert sign_in(again)
    finally:
        assert again.stop() == 0
