"""A scan of 2,000 files whose server or worker is killed (SIGKILL) while it walks or matches:
after the restart, and with no other request, every title reaches the catalogue within two
minutes (counted from the restart: starting a server on a busy machine takes its own time)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.serve.crash_support import (
    RECOVERY_LIMIT_S,
    Stack,
    kill_mid_scan,
    make_movies,
)

pytestmark = pytest.mark.embedded
FILES = 2000


@pytest.fixture
def stack(tmp_path: Path, empty_pg_url: str, redis_url: str, key_prefix: str) -> Iterator[Stack]:
    running = Stack(tmp_path, empty_pg_url, redis_url, key_prefix)
    yield running
    running.stop_all()


@pytest.mark.timeout(300)
@pytest.mark.parametrize(("victim", "moment"), [("server", "walk"), ("worker", "matching")])
def test_every_title_arrives_after_a_kill(
    stack: Stack, tmp_path: Path, victim: str, moment: str
) -> None:
    titles = make_movies(tmp_path / "movies", FILES)
    # Only one case asks for a scan during the recovery: the other shows that none is needed.
    # (bench/scan_recovery.py also kills the server during the matching.)
    ask_again = victim == "worker"

    recovery = kill_mid_scan(stack, tmp_path / "movies", FILES, victim, moment, ask_again)

    assert recovery.caught_up_s < RECOVERY_LIMIT_S
    assert stack.movie_titles() == titles
    if recovery.scan_request is not None:
        status, body = recovery.scan_request
        # Accepted, or answered with the scan under way (never held off by a dead one).
        assert status == 202 or (status == 409 and "scan_id" in body["details"]), body
