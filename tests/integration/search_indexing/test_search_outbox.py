"""A catalogue write notes its ids in the search outbox in its own transaction; the sweep relays
them to the pending sets, so an index update survives a report that never happened (the
process died after the commit, or Redis was down)."""

from __future__ import annotations

import secrets
from uuid import UUID

import asyncpg
import redis.asyncio as aioredis
from dependency_injector import providers
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.search.outbox import PgSearchOutbox
from revenge_adapters.search.pending import RedisPendingChanges
from revenge_app.config import Config
from revenge_app.features import settled
from revenge_app.registry import resolved
from revenge_domain.identity import Register
from revenge_domain.ports.catalog_changes import Entity, NoCatalogChanges
from revenge_domain.search.indexing import IndexChanges, IndexingSchedule, RelayOutbox
from tests.integration.app_server import root_container
from tests.integration.support import PASSWORD
from tests.unit.fakes.jobs import FakeJobQueue


async def registered(config: Config) -> UUID:
    """A new account whose write reports to no follower, as if the process died at once."""
    container = root_container(config, None)
    container.identity.changes.override(providers.Object(NoCatalogChanges()))
    try:
        register: Register = await resolved(container.identity.register())
        name = f"u{secrets.token_hex(5)}"
        user = await register(name, f"{name}@example.com", PASSWORD)
    finally:
        await settled(container.shutdown_resources())
    return user.id


async def relayed(sessions: async_sessionmaker[AsyncSession], pending: RedisPendingChanges) -> None:
    await RelayOutbox(PgSearchOutbox(sessions), pending, after_s=0)()


async def test_a_write_whose_report_was_lost_is_indexed_after_the_sweep(
    config: Config, sessions: async_sessionmaker[AsyncSession], redis_url: str, key_prefix: str
) -> None:
    user_id = await registered(config)
    redis, queue = aioredis.from_url(redis_url), FakeJobQueue()
    try:
        pending = RedisPendingChanges(redis, key_prefix)
        await relayed(sessions, pending)
        assert Entity.USER in await IndexingSchedule(pending, queue).sweep()
        assert IndexChanges(Entity.USER.value) in queue.enqueued
        assert str(user_id) in await pending.take(Entity.USER)
    finally:
        await redis.aclose()


async def test_a_deleted_row_is_noted_too(
    config: Config,
    sessions: async_sessionmaker[AsyncSession],
    connection: asyncpg.Connection,
    redis_url: str,
    key_prefix: str,
) -> None:
    user_id = await registered(config)
    await PgSearchOutbox(sessions).done(await PgSearchOutbox(sessions).due(0, 100_000))
    await connection.execute("DELETE FROM shared.users WHERE id = $1", user_id)
    redis = aioredis.from_url(redis_url)
    try:
        pending = RedisPendingChanges(redis, key_prefix)
        await relayed(sessions, pending)
        assert str(user_id) in await pending.take(Entity.USER)
    finally:
        await redis.aclose()


async def test_a_note_taken_again_meanwhile_is_kept(
    config: Config, sessions: async_sessionmaker[AsyncSession], connection: asyncpg.Connection
) -> None:
    user_id = await registered(config)
    outbox = PgSearchOutbox(sessions)
    notes = await outbox.due(0, 100_000)
    await connection.execute(
        "UPDATE shared.users SET display_name = 'again' WHERE id = $1", user_id
    )
    await outbox.done(notes)
    assert [note.item_id for note in await outbox.due(0, 100_000)] == [user_id]


async def test_an_indexing_read_forgets_the_notes_it_saw_and_keeps_later_ones(
    config: Config, sessions: async_sessionmaker[AsyncSession], connection: asyncpg.Connection
) -> None:
    seen, changed_later = await registered(config), await registered(config)
    outbox = PgSearchOutbox(sessions)
    snapshot = await outbox.snapshot()
    await connection.execute(
        "UPDATE shared.users SET display_name = 'later' WHERE id = $1", changed_later
    )
    await outbox.indexed(Entity.USER, [seen, changed_later], snapshot)
    noted = {note.item_id for note in await outbox.due(0, 100_000)}
    assert seen not in noted
    assert changed_later in noted
