"""`revenge serve` on the embedded default, end to end, as a user runs it."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from revenge_app.embedded.process import free_port

pytestmark = pytest.mark.embedded

REVENGE = str(Path(sys.executable).with_name("revenge"))
READY_TIMEOUT_S = 90


class Server:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.port, self.metrics_port = free_port(), free_port()
        self.process: subprocess.Popen[str] | None = None
        self.log = data_dir.with_name(data_dir.name + ".log")

    def start(self) -> str:
        """Start and wait for the ready line; returns what the server printed on stdout."""
        self.process = subprocess.Popen(
            [
                REVENGE,
                "serve",
                "--data-dir",
                str(self.data_dir),
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--metrics-port",
                str(self.metrics_port),
            ],
            stdout=subprocess.PIPE,
            stderr=self.log.open("w"),
            text=True,
            env=_env(),
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert line, f"serve exited with {self.process.wait()} before it was ready"
        return line

    def url(self, path: str, metrics: bool = False) -> str:
        return f"http://127.0.0.1:{self.metrics_port if metrics else self.port}{path}"

    def stop(self) -> int:
        assert self.process is not None
        children = psutil.Process(self.process.pid).children(recursive=True)
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=60)
        _, alive = psutil.wait_procs(children, timeout=15)
        assert alive == [], f"children left running: {alive}"
        return code


@pytest.fixture
def data_dir() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="revenge-serve-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)
    path.with_name(path.name + ".log").unlink(missing_ok=True)


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REVENGE_")}
    return {**env, "REVENGE_LOGGING_FORMAT": "json"}


def get(url: str, timeout: float = 10) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def revenge(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [REVENGE, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=_env(),
        timeout=120,
        check=False,
    )


def create_admin(data_dir: Path, username: str, email: str) -> subprocess.CompletedProcess[str]:
    return revenge(
        "create-admin",
        "--data-dir",
        str(data_dir),
        "--username",
        username,
        "--email",
        email,
        "--password-stdin",
        stdin="correct horse battery\n",
    )


def test_serve_starts_everything_answers_and_stops_cleanly(data_dir: Path) -> None:
    server = Server(data_dir)
    ready = server.start()
    try:
        assert ready.strip() == f"Revenge is ready at http://localhost:{server.port}"
        levels = {json.loads(line)["level"] for line in server.log.read_text().splitlines()}
        assert levels <= {"info"}, server.log.read_text()
        status, body = get(server.url("/readyz"))
        assert status == 200, body
        checks = json.loads(body)["details"]["checks"]
        assert {name: check["status"] for name, check in checks.items()} == {
            "database": "healthy",
            "cache": "healthy",
            "search": "healthy",
        }
        assert get(server.url("/startupz"))[0] == 200
        status, document = get(server.url("/api/openapi.yaml"))
        assert status == 200
        assert document.startswith(b"openapi: 3.1")
        status, metrics = get(server.url("/metrics", metrics=True))
        assert status == 200
        assert b'revenge_http_requests_total{method="GET",route="/readyz",status="200"}' in metrics

        # Other commands reach the running server's embedded services.
        current = revenge("migrate", "current", "--check", "--data-dir", str(data_dir))
        assert current.returncode == 0, current.stderr
        created = create_admin(data_dir, "root", "root@example.com")
        assert created.returncode == 0, created.stderr
    finally:
        assert server.stop() == 0
    assert not (data_dir / "services.json").exists()


def test_a_second_start_reuses_the_data(data_dir: Path) -> None:
    created = create_admin(data_dir, "root", "root@example.com")
    assert created.returncode == 0, created.stderr
    server = Server(data_dir)
    server.start()
    try:
        again = create_admin(data_dir, "ROOT", "other@example.com")
        assert again.returncode == 1
        assert "username" in again.stderr
    finally:
        assert server.stop() == 0


def test_an_unreachable_database_stops_the_start_with_a_clear_message(data_dir: Path) -> None:
    env = {**_env(), "REVENGE_DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none"}
    began = time.monotonic()
    done = subprocess.run(
        [
            REVENGE,
            "serve",
            "--data-dir",
            str(data_dir),
            "--port",
            str(free_port()),
            "--metrics-port",
            str(free_port()),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert "revenge serve: database error" in done.stderr
    assert "Traceback" not in done.stderr
    assert time.monotonic() - began < 60
    assert not [
        p
        for p in psutil.process_iter(["cmdline"])
        if str(data_dir) in " ".join(p.info["cmdline"] or [])
    ]
