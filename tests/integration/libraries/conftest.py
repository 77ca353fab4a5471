"""The whole app over PostgreSQL and Redis (jobs only recorded)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from revenge_app.config import Config
from tests.integration.app_server import Server, app_server


@pytest.fixture
async def server(config: Config) -> AsyncIterator[Server]:
    async with app_server(config, run_jobs=False) as running:
        yield running
