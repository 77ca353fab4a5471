"""The migrations on the embedded PostgreSQL (the `pgserver` package), which has no extensions."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from pgserver.postgres_server import get_server

from revenge_adapters.postgres import migrate
from revenge_adapters.postgres.engine import SEARCH_PATH
from tests.integration.postgres.catalog import default_search_path, schemas, walk_every_revision


@pytest.mark.embedded
async def test_migrations_go_up_down_and_up_on_the_embedded_postgresql(tmp_path: Path) -> None:
    server = await asyncio.to_thread(get_server, tmp_path / "pg", cleanup_mode="delete")
    try:
        url = server.get_uri()  # a unix-socket DSN: postgresql://postgres:@/postgres?host=DIR
        await walk_every_revision(url)
        assert await schemas(url) == {"public"}
        await migrate.upgrade(url)
        assert await migrate.is_up_to_date(url)
        assert {"public", "shared", "movie", "tvshow", "qar"} <= await schemas(url)
        assert await default_search_path(url) == SEARCH_PATH
    finally:
        await asyncio.to_thread(server.cleanup)
    assert not (tmp_path / "pg").exists()
