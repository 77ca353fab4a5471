"""A playback server per test over the session's migrated database."""

from __future__ import annotations

from collections.abc import AsyncIterator

import attrs
import pytest

from revenge_app.config import Config
from tests.integration.playback.server import SHORT, PlaybackServer, playback_server


@pytest.fixture
async def running(config: Config) -> AsyncIterator[PlaybackServer]:
    async with playback_server(attrs.evolve(config, playback=SHORT)) as server:
        yield server
