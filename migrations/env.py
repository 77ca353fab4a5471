"""Alembic environment for Revenge. There is no alembic.ini: `revenge_adapters.postgres.migrate`
builds the config in code and hands over either an open connection or the database URL."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy import Connection

from revenge_adapters.postgres.engine import create_engine

VERSION_TABLE_SCHEMA = "public"


def run_on(connection: Connection) -> None:
    context.configure(
        connection=connection,
        # Migrations are written by hand; there is no model metadata to compare against.
        target_metadata=None,
        version_table_schema=VERSION_TABLE_SCHEMA,
        transaction_per_migration=True,
        on_version_apply=context.config.attributes.get("on_version_apply"),
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_with_url(url: str) -> None:
    engine = create_engine(url, pool_size=1, max_overflow=0)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(run_on)
    finally:
        await engine.dispose()


def main() -> None:
    if context.is_offline_mode():
        raise RuntimeError("offline (SQL script) migrations are not supported; pass a database URL")
    connection = context.config.attributes.get("connection")
    if connection is not None:
        run_on(connection)
    else:
        asyncio.run(run_with_url(context.config.attributes["url"]))


main()
