from __future__ import annotations

import pytest
from sqlalchemy.pool import QueuePool

from revenge_adapters.metrics import REGISTRY
from revenge_adapters.postgres.engine import (
    asyncpg_url,
    bind_pool_metrics,
    create_engine,
    pool_counts,
)


def rendered(url: str) -> str:
    return asyncpg_url(url).render_as_string(hide_password=False)


@pytest.mark.parametrize(
    ("configured", "expected"),
    [
        ("postgresql://u:p@db:5432/revenge", "postgresql+asyncpg://u:p@db:5432/revenge"),
        ("postgres://u:p@db/revenge", "postgresql+asyncpg://u:p@db/revenge"),
        ("postgresql+asyncpg://u@db/revenge", "postgresql+asyncpg://u@db/revenge"),
    ],
)
def test_plain_dsns_become_asyncpg_urls(configured: str, expected: str) -> None:
    assert rendered(configured) == expected


def test_a_unix_socket_dsn_keeps_its_socket_directory() -> None:
    url = asyncpg_url("postgresql://postgres:@/postgres?host=/run/revenge/pg")
    assert url.drivername == "postgresql+asyncpg"
    assert url.host is None
    assert url.query["host"] == "/run/revenge/pg"
    assert url.database == "postgres"


def test_a_password_with_reserved_characters_survives() -> None:
    url = asyncpg_url("postgresql://revenge:p%40ss%2Fw%3Ard@db/revenge")
    assert url.password == "p@ss/w:rd"


def test_libpq_sslmode_becomes_asyncpg_ssl() -> None:
    url = asyncpg_url("postgresql://u@db/revenge?sslmode=require")
    assert dict(url.query) == {"ssl": "require"}


@pytest.mark.parametrize(
    "bad", ["mysql://u@db/x", "db:5432/revenge", "", "postgresql+psycopg://u@db/x"]
)
def test_other_urls_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="not a PostgreSQL URL"):
        asyncpg_url(bad)


async def test_the_engine_uses_asyncpg_and_the_configured_pool() -> None:
    engine = create_engine("postgres://u@db/revenge", pool_size=3, max_overflow=2, pool_timeout_s=4)
    try:
        assert engine.url.drivername == "postgresql+asyncpg"
        pool = engine.sync_engine.pool
        assert isinstance(pool, QueuePool)
        assert (pool.size(), pool.timeout(), pool._max_overflow) == (3, 4, 2)
    finally:
        await engine.dispose()


async def test_pool_metrics_read_the_engine_pool_at_scrape_time() -> None:
    engine = create_engine("postgresql://u@db/revenge")
    try:
        bind_pool_metrics(engine)
        assert pool_counts(engine) == {"checked_out": 0, "idle": 0, "overflow": 0}
        for state in ("checked_out", "idle", "overflow"):
            assert REGISTRY.get_sample_value("revenge_db_pool_connections", {"state": state}) == 0
    finally:
        await engine.dispose()
