"""PostgreSQL and Redis made unreachable under a running server (a TCP relay in front of each is
killed): requests answer 503 with Retry-After, nothing is half-written, and the server serves
again within seconds of them coming back."""

from __future__ import annotations

import json
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from revenge_app.embedded.process import free_port
from tests.integration.relay import Relay
from tests.integration.serve import test_serve
from tests.integration.serve.test_serve import Server, create_admin, data_dir
from tests.integration.serve.test_serve_scanning import PASSWORD

pytestmark = pytest.mark.embedded
__all__ = ["data_dir"]  # the fixture, used below
BACK_WITHIN_S = 5.0


def relayed(url: str, relay: Relay) -> str:
    parts = urlsplit(url)
    return parts._replace(
        netloc=f"{parts.username or ''}@127.0.0.1:{relay.port}".lstrip("@")
    ).geturl()


def target_of(url: str, default_port: int) -> tuple[str, int]:
    parts = urlsplit(url)
    return parts.hostname or "127.0.0.1", parts.port or default_port


@pytest.fixture
def relays(empty_pg_url: str, redis_url: str) -> Iterator[tuple[Relay, Relay]]:
    database = Relay(free_port(), *target_of(empty_pg_url, 5432))
    cache = Relay(free_port(), *target_of(redis_url, 6379))
    database.start()
    cache.start()
    try:
        yield database, cache
    finally:
        database.kill()
        cache.kill()


def request(
    server: Server, method: str, path: str, token: str = "", body: Any = None
) -> tuple[int, dict[str, Any], str]:
    """Status, JSON body and Retry-After of one request."""
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    sent = urllib.request.Request(server.url(path), data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(sent, timeout=15) as answer:
            return answer.status, json.loads(answer.read() or b"null"), ""
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null"), error.headers.get("Retry-After", "")


def login(server: Server) -> tuple[int, dict[str, Any], str]:
    return request(
        server, "POST", "/api/v1/auth/login", body={"username": "root", "password": PASSWORD}
    )


def assert_unavailable(answer: tuple[int, dict[str, Any], str], code: str) -> None:
    status, body, retry_after = answer
    assert (status, body["error"]) == (503, code), body
    assert int(retry_after) > 0
    assert body["details"]["retry_after_seconds"] == int(retry_after)


def seconds_until(check: Callable[[], bool], timeout_s: float = BACK_WITHIN_S) -> float:
    began = time.monotonic()
    while not check():
        assert time.monotonic() - began < timeout_s, f"not back within {timeout_s} s"
        time.sleep(0.05)
    return time.monotonic() - began


@pytest.fixture
def server(
    data_dir: Path,
    relays: tuple[Relay, Relay],
    empty_pg_url: str,
    redis_url: str,
    key_prefix: str,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Server]:
    database, cache = relays
    plain_env = test_serve._env
    services = {
        "REVENGE_DATABASE_URL": relayed(empty_pg_url, database),
        "REVENGE_CACHE_URL": relayed(redis_url, cache),
        "REVENGE_CACHE_KEY_PREFIX": key_prefix,
        "REVENGE_SEARCH_ENABLED": "false",
    }
    monkeypatch.setattr(test_serve, "_env", lambda: {**plain_env(), **services})
    server = Server(data_dir)
    server.start()
    created = create_admin(data_dir, "root", "root@example.com")
    assert created.returncode == 0, created.stderr
    try:
        yield server
    finally:
        assert server.stop() == 0


def test_database_outage_answers_503_and_recovers(
    server: Server, relays: tuple[Relay, Relay]
) -> None:
    database, _ = relays
    status, signed_in, _ = login(server)
    assert status == 200, signed_in
    token = signed_in["access_token"]
    assert request(server, "GET", "/api/v1/libraries", token)[0] == 200

    database.kill()
    assert_unavailable(login(server), "database_unavailable")
    assert_unavailable(request(server, "GET", "/api/v1/libraries", token), "database_unavailable")
    assert request(server, "GET", "/readyz")[0] == 503

    database.start()
    seconds_until(lambda: request(server, "GET", "/api/v1/libraries", token)[0] == 200)
    assert login(server)[0] == 200
    assert request(server, "GET", "/readyz")[0] == 200


def test_redis_outage_refuses_a_scan_without_a_record_and_recovers(
    server: Server, relays: tuple[Relay, Relay]
) -> None:
    _, cache = relays
    token = login(server)[1]["access_token"]
    folder = tempfile.mkdtemp(prefix="revenge-outage-media-")
    status, library, _ = request(
        server,
        "POST",
        "/api/v1/libraries",
        token,
        {"name": "Movies", "type": "movie", "paths": [folder]},
    )
    assert status == 201, library
    scan_path = f"/api/v1/libraries/{library['id']}/scan"
    scans_path = f"/api/v1/libraries/{library['id']}/scans"
    before = request(server, "GET", scans_path, token)[1]["total"]

    cache.kill()
    assert_unavailable(
        request(server, "POST", scan_path, token, {"scan_type": "full"}), "job_queue_unavailable"
    )
    assert request(server, "GET", scans_path, token)[1]["total"] == before
    assert request(server, "GET", "/readyz")[0] == 503

    cache.start()
    seconds_until(
        lambda: request(server, "POST", scan_path, token, {"scan_type": "incremental"})[0] == 202
    )
    assert request(server, "GET", scans_path, token)[1]["total"] == before + 1
    assert request(server, "GET", "/readyz")[0] == 200
