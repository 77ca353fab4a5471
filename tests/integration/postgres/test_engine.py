from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from revenge_adapters.metrics import REGISTRY
from revenge_adapters.postgres.engine import (
    SEARCH_PATH,
    bind_pool_metrics,
    create_engine,
    ping,
)


@pytest.fixture
async def engine(empty_pg_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(empty_pg_url, pool_size=2, max_overflow=1)
    yield engine
    await engine.dispose()


def pool_gauge(state: str) -> float | None:
    return REGISTRY.get_sample_value("revenge_db_pool_connections", {"state": state})


async def test_connections_use_our_search_path_even_before_migrations(engine: AsyncEngine) -> None:
    async with engine.connect() as conn:
        assert (await conn.execute(text("SHOW search_path"))).scalar() == SEARCH_PATH


async def test_ping_answers_and_a_missing_database_raises(
    engine: AsyncEngine, empty_pg_url: str
) -> None:
    await ping(engine)
    missing = create_engine(empty_pg_url.rsplit("/", 1)[0] + "/revenge_no_such_db")
    try:
        with pytest.raises(DBAPIError, match="does not exist"):
            await ping(missing)
    finally:
        await missing.dispose()


async def test_the_pool_gauge_follows_checkouts_and_overflow(engine: AsyncEngine) -> None:
    bind_pool_metrics(engine)
    async with engine.connect() as one, engine.connect() as two, engine.connect() as three:
        for conn in (one, two, three):
            await conn.execute(text("SELECT 1"))
        assert pool_gauge("checked_out") == 3
        assert pool_gauge("overflow") == 1
    assert pool_gauge("checked_out") == 0
    assert pool_gauge("idle") == 2
