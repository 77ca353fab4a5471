"""The async SQLAlchemy engine on asyncpg, built from the plain DSN a user configures."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import URL, make_url, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.ext.asyncio import create_async_engine as _create_async_engine
from sqlalchemy.pool import QueuePool

from revenge_adapters.metrics import DB_POOL

SCHEMAS = ("public", "shared", "movie", "tvshow", "qar")
SEARCH_PATH = ", ".join(SCHEMAS)
DRIVER = "postgresql+asyncpg"
_ACCEPTED_SCHEMES = ("postgresql", "postgres", DRIVER)


def asyncpg_url(url: str) -> URL:
    """`postgresql://`, `postgres://` or `postgresql+asyncpg://` (TCP or `?host=/socket/dir`)
    as a SQLAlchemy URL for asyncpg. libpq's `sslmode` becomes asyncpg's `ssl`."""
    scheme = url.split("://", 1)[0] if "://" in url else ""
    if scheme not in _ACCEPTED_SCHEMES:
        raise ValueError(f"not a PostgreSQL URL (expected postgresql://...), got scheme {scheme!r}")
    parsed = make_url(url).set(drivername=DRIVER)
    if "sslmode" in parsed.query:
        parsed = parsed.update_query_dict({"ssl": parsed.query["sslmode"]}).difference_update_query(
            ["sslmode"]
        )
    return parsed


def create_engine(
    url: str,
    pool_size: int = 10,
    max_overflow: int = 10,
    pool_timeout_s: float = 10.0,
    connect_timeout_s: float = 10.0,
) -> AsyncEngine:
    """An engine whose connections all use our schemas' search_path."""
    return _create_async_engine(
        asyncpg_url(url),
        pool_size=pool_size,
        max_overflow=max_overflow,
        pool_timeout=pool_timeout_s,
        pool_pre_ping=True,
        connect_args={
            "server_settings": {"search_path": SEARCH_PATH},
            "timeout": connect_timeout_s,
        },
    )


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    # Loaded rows stay readable after commit; use cases return them to handlers.
    return async_sessionmaker(engine, expire_on_commit=False)


async def ping(engine: AsyncEngine) -> None:
    """Raise if the database cannot answer a trivial query."""
    async with engine.connect() as conn:
        await conn.execute(text("SELECT 1"))


def pool_counts(engine: AsyncEngine) -> dict[str, int]:
    """Connections of the engine's pool by state: checked_out, idle, overflow."""
    pool = engine.sync_engine.pool
    if not isinstance(pool, QueuePool):
        return {"checked_out": 0, "idle": 0, "overflow": 0}
    return {
        "checked_out": pool.checkedout(),
        "idle": pool.checkedin(),
        # QueuePool counts overflow up from -pool_size; only connections beyond the pool matter.
        "overflow": max(0, pool.overflow()),
    }


def bind_pool_metrics(engine: AsyncEngine) -> None:
    """Make the DB_POOL gauge read this engine's pool whenever metrics are scraped."""

    def reader(state: str) -> Callable[[], float]:
        return lambda: float(pool_counts(engine)[state])

    for state in ("checked_out", "idle", "overflow"):
        DB_POOL.labels(state=state).set_function(reader(state))
