from __future__ import annotations

import asyncio

from alembic import command

from revenge_adapters.postgres import migrate
from revenge_adapters.postgres.engine import SEARCH_PATH
from tests.integration.postgres.catalog import (
    default_search_path,
    schemas,
    snapshot,
    version_table_schemas,
    walk_every_revision,
)

OURS = {"shared", "movie", "tvshow", "qar"}


async def test_up_creates_the_schemas_and_the_database_search_path(empty_pg_url: str) -> None:
    await migrate.upgrade(empty_pg_url)
    assert {"public", *OURS} <= await schemas(empty_pg_url)
    assert await default_search_path(empty_pg_url) == SEARCH_PATH
    assert await version_table_schemas(empty_pg_url) == {"public"}
    assert await migrate.current(empty_pg_url) == migrate.head()


async def test_down_to_base_removes_them_but_keeps_public(empty_pg_url: str) -> None:
    before = await snapshot(empty_pg_url)
    await migrate.upgrade(empty_pg_url)
    await migrate.downgrade(empty_pg_url, "base")
    assert await schemas(empty_pg_url) == {"public"}
    assert await default_search_path(empty_pg_url) == '"$user", public'
    assert await snapshot(empty_pg_url) == before


async def test_up_down_up_ends_at_head(empty_pg_url: str) -> None:
    await migrate.upgrade(empty_pg_url)
    at_head = await snapshot(empty_pg_url)
    await migrate.downgrade(empty_pg_url, "base")
    await migrate.upgrade(empty_pg_url)
    assert await snapshot(empty_pg_url) == at_head
    assert await migrate.is_up_to_date(empty_pg_url)


async def test_current_and_up_to_date_follow_the_database(empty_pg_url: str) -> None:
    assert await migrate.current(empty_pg_url) is None
    assert not await migrate.is_up_to_date(empty_pg_url)
    await migrate.upgrade(empty_pg_url, "0001")
    assert await migrate.current(empty_pg_url) == "0001"
    assert await migrate.is_up_to_date(empty_pg_url) == (migrate.head() == "0001")
    await migrate.upgrade(empty_pg_url)
    assert await migrate.is_up_to_date(empty_pg_url)


async def test_every_migration_downgrades_to_exactly_what_was_there(empty_pg_url: str) -> None:
    # Walks all revision files, so every future migration is covered too.
    await walk_every_revision(empty_pg_url)


async def test_each_applied_or_undone_migration_is_reported(empty_pg_url: str) -> None:
    planned = await migrate.plan_upgrade(empty_pg_url)
    applied: list[migrate.Migration] = []
    await migrate.upgrade(empty_pg_url, on_step=applied.append)
    assert applied == planned
    assert [step.revision for step in applied][-1] == migrate.head()
    assert applied[0].message.startswith("create the schemas")
    undone: list[migrate.Migration] = []
    await migrate.downgrade(empty_pg_url, "base", on_step=undone.append)
    assert undone == planned[::-1]
    assert await migrate.plan_downgrade(empty_pg_url, "base") == []


async def test_two_migrations_at_once_wait_for_each_other(empty_pg_url: str) -> None:
    # Without the advisory lock the second one fails on Alembic's version table, or hangs.
    both = asyncio.gather(migrate.upgrade(empty_pg_url), migrate.upgrade(empty_pg_url))
    await asyncio.wait_for(both, timeout=30)
    assert await migrate.current(empty_pg_url) == migrate.head()


async def test_alembic_commands_given_only_the_url_use_our_engine(empty_pg_url: str) -> None:
    await asyncio.to_thread(command.upgrade, migrate.alembic_config(empty_pg_url), "head")
    assert await migrate.current(empty_pg_url) == migrate.head()
    assert await default_search_path(empty_pg_url) == SEARCH_PATH


async def test_a_target_that_does_not_exist_is_a_migration_error(empty_pg_url: str) -> None:
    errors = []
    for attempt in (migrate.downgrade(empty_pg_url, "-1"), migrate.upgrade(empty_pg_url, "9999")):
        try:
            await attempt
        except migrate.MigrationError as exc:
            errors.append(str(exc))
    assert len(errors) == 2
    assert await migrate.current(empty_pg_url) is None
