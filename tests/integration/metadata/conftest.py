"""Fake provider servers, started per test on free loopback ports."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

# Caches on the machine's Redis (and on a dead Redis), opened as the cache tests open them.
from tests.integration.cache.conftest import open_cache, raw  # noqa: F401
from tests.integration.metadata.fake_providers import (
    FakeOmdb,
    FakeProvider,
    FakeTvdb,
    fake_fanart,
    fake_omdb,
    fake_tmdb,
    fake_tvdb,
    running,
)


@pytest.fixture
async def tmdb_server() -> AsyncIterator[FakeProvider]:
    async with running(fake_tmdb()) as server:
        yield server


@pytest.fixture
async def tvdb_server() -> AsyncIterator[FakeTvdb]:
    server = fake_tvdb()
    async with running(server):
        yield server


@pytest.fixture
async def omdb_server() -> AsyncIterator[FakeOmdb]:
    server = fake_omdb()
    async with running(server):
        yield server


@pytest.fixture
async def fanart_server() -> AsyncIterator[FakeProvider]:
    async with running(fake_fanart()) as server:
        yield server
