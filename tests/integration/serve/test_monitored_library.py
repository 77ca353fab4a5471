"""A monitored library in a running server: a file written 1 s after the library was created,
and another one later, are each in the catalogue within 5 s, and the event stream says so."""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.integration.serve.crash_support import Stack, wait_for

pytestmark = pytest.mark.embedded
LISTED_WITHIN_S = 5.0
# The second file comes a minute later, past the watchers' own 30 s refresh (the first one,
# a second after the library was created, is long before it).
LATER_S = 60.0


@pytest.fixture
def stack(tmp_path: Path, empty_pg_url: str, redis_url: str, key_prefix: str) -> Iterator[Stack]:
    running = Stack(tmp_path, empty_pg_url, redis_url, key_prefix)
    yield running
    running.stop_all()


class EventStream:
    """Reads `/api/v1/events` in a thread; keeps every event's JSON."""

    def __init__(self, stack: Stack) -> None:
        self.events: list[dict[str, Any]] = []
        request = urllib.request.Request(
            f"http://127.0.0.1:{stack.port}/api/v1/events?categories=content",
            headers={"Authorization": f"Bearer {stack.token}"},
        )
        self._answer = urllib.request.urlopen(request, timeout=60)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for raw in self._answer:
            line = raw.decode()
            if line.startswith("data: "):
                self.events.append(json.loads(line[len("data: ") :]))

    def added_movies(self) -> set[str]:
        return {
            movie_id
            for event in self.events
            if event["type"] == "content.added"
            for movie_id in event["data"].get("movie", [])
        }


def drop_movie(folder: Path, title: str) -> None:
    name = f"{title} (2001)"
    (folder / name).mkdir()
    (folder / name / f"{name}.mkv").write_bytes(b"\x1a\x45\xdf\xa3")


def listed(stack: Stack) -> dict[str, str]:
    _, body = stack.call("GET", "/api/v1/movies?limit=100")
    return {item["title"]: item["id"] for item in body["items"]}


@pytest.mark.timeout(120)
def test_files_reach_the_catalogue_of_a_monitored_library_within_seconds(
    stack: Stack, tmp_path: Path
) -> None:
    media = tmp_path / "movies"
    media.mkdir()
    stack.start_server()
    created = stack.revenge(
        "create-admin", "--username", "root", "--email", "root@example.com", "--password-stdin"
    )
    assert created.returncode == 0, created.stderr
    stack.sign_in()
    events = EventStream(stack)
    status, library = stack.call(
        "POST",
        "/api/v1/libraries",
        {"name": "Movies", "type": "movie", "paths": [str(media)], "realtime_monitoring": True},
    )
    assert status == 201, library

    time.sleep(1.0)
    drop_movie(media, "Amelie")
    wait_for(lambda: "Amelie" in listed(stack), LISTED_WITHIN_S, every_s=0.1)
    time.sleep(LATER_S)
    drop_movie(media, "Brazil")
    wait_for(lambda: "Brazil" in listed(stack), LISTED_WITHIN_S, every_s=0.1)

    ids = listed(stack)
    wait_for(lambda: events.added_movies() >= {ids["Amelie"], ids["Brazil"]}, 5)
