"""A catalogue write notes its ids in the search outbox in its own transaction; the sweep relays
them to the pending sets, so an index update survives a report that never happened (the
process died after the commit, or Redis was down)."""

from __future__ import annotations

import secrets
from uuid import UUID

import asyncpg
import redis.asyncio as aioredis
from revenge_app.wiring import auth_rules, identity_use_cases
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.identity import Argon2PasswordHasher, JwtTokenSigner
from revenge_adapters.search.outbox import PgSearchOutbox
from revenge_adapters.search.pending import RedisPendingChanges
from revenge_app.config import Config
from revenge_domain.ports.catalog_changes import Entity
from revenge_domain.search.indexing import IndexChanges, IndexingSchedule, RelayOutbox
from tests.integration.support import CHEAP, PASSWORD
from tests.unit.fakes.jobs import FakeJobQueue


async def registered(sessions: async_sessionmaker[AsyncSession]) -> UUID:
    """A new account whose write reports to no follower, as if the process died at once."""
    signer = JwtTokenSigner(secrets.token_hex(32))
    cases = identity_use_cases(sessions, Argon2PasswordHasher(CHEAP), signer, auth_rules(Config()))
    assert cases.register is not None
    name = f"u{secrets.token_hex(5)}"
    user = await cases.register(name, f"{name}@example.com", PASSWORD)
    return user.id


async def relayed(sessions: async_sessionmaker[AsyncSession], pending: RedisPendingChanges) -> None:
    await RelayOutbox(PgSearchOutbox(sessions), pending, after_s=0)()


async def test_a_write_whose_report_was_lost_is_indexed_after_the_sweep(
    sessions: async_sessionmaker[AsyncSession], redis_url: str, key_prefix: str
) -> None:
    user_id = await registered(sessions)
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
    sessions: async_sessionmaker[AsyncSession],
    connection: asyncpg.Connection,
    redis_url: str,
    key_prefix: str,
) -> None:
    user_id = await registered(sessions)
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
    sessions: async_sessionmaker[AsyncSession], connection: asyncpg.Connection
) -> None:
    user_id = await registered(sessions)
    outbox = PgSearchOutbox(sessions)
    notes = await outbox.due(0, 100_000)
    await connection.execute(
        "UPDATE shared.users SET display_name = 'again' WHERE id = $1", user_id
    )
    await outbox.done(notes)
    assert [note.item_id for note in await outbox.due(0, 100_000)] == [user_id]
