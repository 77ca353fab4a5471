"""What a migration can change in a database, read from the catalogs, for before/after checks."""

from __future__ import annotations

import asyncpg

from revenge_adapters.postgres import migrate

SYSTEM = "('pg_catalog', 'information_schema', 'pg_toast')"

QUERIES = {
    "schemas": f"SELECT nspname FROM pg_namespace WHERE nspname NOT IN {SYSTEM} "
    "AND nspname NOT LIKE 'pg_temp%' AND nspname NOT LIKE 'pg_toast_temp%'",
    "relations": "SELECT n.nspname, c.relname, c.relkind FROM pg_class c "
    f"JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT IN {SYSTEM} "
    "AND n.nspname NOT LIKE 'pg_temp%'",
    "columns": "SELECT table_schema, table_name, column_name, data_type, is_nullable, "
    f"column_default FROM information_schema.columns WHERE table_schema NOT IN {SYSTEM}",
    "constraints": "SELECT n.nspname, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c "
    f"JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname NOT IN {SYSTEM}",
    "functions": "SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid) "
    f"FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname NOT IN {SYSTEM}",
    "types": "SELECT n.nspname, t.typname FROM pg_type t JOIN pg_namespace n "
    f"ON n.oid = t.typnamespace WHERE n.nspname NOT IN {SYSTEM}",
    "extensions": "SELECT extname FROM pg_extension",
    "database_settings": "SELECT array_to_string(setconfig, ';') FROM pg_db_role_setting s "
    "JOIN pg_database d ON d.oid = s.setdatabase WHERE d.datname = current_database()",
}


async def snapshot(url: str) -> dict[str, set[tuple[object, ...]]]:
    """Every object outside the system schemas, without Alembic's own bookkeeping table."""
    conn = await asyncpg.connect(url)
    try:
        found = {
            name: {tuple(row) for row in await conn.fetch(sql)} for name, sql in QUERIES.items()
        }
    finally:
        await conn.close()
    for name in ("relations", "columns", "constraints", "types"):
        found[name] = {
            row for row in found[name] if not str(row[1]).lstrip("_").startswith("alembic_version")
        }
    return found


async def schemas(url: str) -> set[str]:
    return {str(row[0]) for row in (await snapshot(url))["schemas"]}


async def version_table_schemas(url: str) -> set[str]:
    conn = await asyncpg.connect(url)
    try:
        rows = await conn.fetch(
            "SELECT schemaname FROM pg_tables WHERE tablename = 'alembic_version'"
        )
    finally:
        await conn.close()
    return {str(row[0]) for row in rows}


async def default_search_path(url: str) -> str:
    """What a plain connection (as psql makes) gets."""
    conn = await asyncpg.connect(url)
    try:
        return str(await conn.fetchval("SHOW search_path"))
    finally:
        await conn.close()


async def walk_every_revision(url: str) -> None:
    """Up one revision at a time to head, then down one at a time to base; each downgrade must
    leave the database exactly as it was before that revision's upgrade."""
    revisions = [script.revision for script in reversed(list(migrate.scripts().walk_revisions()))]
    seen: dict[str | None, dict[str, set[tuple[object, ...]]]] = {None: await snapshot(url)}
    for revision in revisions:
        await migrate.upgrade(url, "+1")
        assert await migrate.current(url) == revision
        seen[revision] = await snapshot(url)
    for below in [None, *revisions[:-1]][::-1]:
        await migrate.downgrade(url, "-1")
        assert await migrate.current(url) == below
        assert await snapshot(url) == seen[below], f"the downgrade to {below} left changes behind"
