"""Bulk writing of a generated catalogue: one COPY per table, all in one transaction."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import cast

import asyncpg

from revenge_adapters.postgres import create_engine
from revenge_app.seed.plan import Table

SEEDED_LIBRARY_CHECK = "SELECT name FROM public.libraries WHERE lower(name) = ANY($1::text[])"


class AlreadySeeded(Exception):
    """The database already holds the seeded libraries."""


async def write_tables(
    url: str, tables: Sequence[Table], on_table: Callable[[Table], None] = lambda _: None
) -> None:
    """Insert every table's rows, in order, then refresh their planner statistics; nothing is
    kept if any insert fails.

    Only inserts: the server may keep running on the same database meanwhile.
    """
    engine = create_engine(url, pool_size=1, max_overflow=0)
    try:
        async with engine.connect() as connection:
            fairy = await connection.get_raw_connection()
            driver = cast(asyncpg.Connection, fairy.driver_connection)
            async with driver.transaction():
                await _refuse_reseeding(driver, tables)
                for table in tables:
                    await driver.copy_records_to_table(
                        table.name,
                        schema_name=table.schema,
                        columns=table.columns,
                        records=table.rows,
                    )
                    on_table(table)
            # Fresh statistics at once (autovacuum may take a minute): without them the planner
            # guesses the new tables are empty and sorts whole tables for the first pages.
            for table in tables:
                await driver.execute(f'VACUUM (ANALYZE) "{table.schema}"."{table.name}"')
    finally:
        await engine.dispose()


async def _refuse_reseeding(driver: asyncpg.Connection, tables: Sequence[Table]) -> None:
    names = [
        str(row[1]).lower() for table in tables if table.name == "libraries" for row in table.rows
    ]
    found = await driver.fetch(SEEDED_LIBRARY_CHECK, names)
    if found:
        listed = ", ".join(repr(row["name"]) for row in found)
        raise AlreadySeeded(f"the database already has the seeded libraries {listed}")
