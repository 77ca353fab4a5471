"""PostgreSQL: the async engine, the unit of work and the schema migrations."""

from revenge_adapters.postgres.engine import (
    SEARCH_PATH,
    asyncpg_url,
    bind_pool_metrics,
    create_engine,
    create_session_factory,
    ping,
    pool_counts,
)
from revenge_adapters.postgres.uow import SqlUnitOfWork

__all__ = [
    "SEARCH_PATH",
    "SqlUnitOfWork",
    "asyncpg_url",
    "bind_pool_metrics",
    "create_engine",
    "create_session_factory",
    "ping",
    "pool_counts",
]
