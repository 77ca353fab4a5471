"""Real embedded servers in temporary data dirs."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from revenge_app.config import Config
from revenge_app.embedded.stack import EmbeddedStack
from tests.integration.embedded.probes import Running


def _private_tmp_dir() -> Iterator[Path]:
    # Not under pytest's tmp_path: when tests run as root, PostgreSQL runs as another user that
    # must traverse every parent dir, and each pytest session resets its base dir to 0700.
    base = Path(tempfile.mkdtemp(prefix="revenge-embedded-test-"))
    yield base
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def data_root() -> Iterator[Path]:
    """A fresh directory to put data dirs in (removed afterwards)."""
    yield from _private_tmp_dir()


@pytest.fixture(scope="module")
async def running() -> AsyncIterator[Running]:
    """One full stack (PostgreSQL, Redis, Typesense) shared by a module's tests."""
    for base in _private_tmp_dir():
        stack = EmbeddedStack(Config(data_dir=base / "data"))
        urls = await stack.start()
        yield Running(base / "data", urls)
        stack.stop()
