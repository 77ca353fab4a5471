"""An entry of the activity log is written in the transaction of the change it reports: both
are kept, or neither is."""

from __future__ import annotations

import contextlib
import secrets
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.activity import activity_log
from revenge_adapters.identity import PgIdentityUnit
from revenge_domain.activity import ActivityEvent
from tests.integration.app_server import Server, signed_up
from tests.integration.support import PASSWORD

KEYS = "/api/v1/apikeys"
LIBRARIES = "/api/v1/libraries"
SERVER_NAME = "/api/v1/settings/server/server.name"


@contextlib.asynccontextmanager
async def entries_refused(pg_url: str, user_id: uuid.UUID) -> AsyncIterator[None]:
    """While open, the log refuses any new entry naming `user_id`."""
    name = f"refuse_{secrets.token_hex(4)}"
    connection = await asyncpg.connect(pg_url)
    try:
        await connection.execute(
            f"ALTER TABLE public.activity_log ADD CONSTRAINT {name} "
            f"CHECK (user_id IS DISTINCT FROM '{user_id}') NOT VALID"
        )
        yield
    finally:
        await connection.execute(f"ALTER TABLE public.activity_log DROP CONSTRAINT {name}")
        await connection.close()


async def entries_named(sessions: async_sessionmaker[AsyncSession], action: str) -> int:
    count = select(func.count()).where(activity_log.c.action == action)
    async with sessions() as session:
        return int(await session.scalar(count) or 0)


async def test_an_api_key_whose_entry_cannot_be_written_is_not_created(server: Server) -> None:
    account = await signed_up(server)
    async with entries_refused(server.pg_url, account.user_id):
        body = {"name": "script", "scopes": ["read"]}
        refused = await server.client.post(KEYS, json=body, headers=account.headers)
        assert refused.status == 500
    listed = await server.client.get(KEYS, headers=account.headers)
    assert (await listed.json())["total"] == 0


async def test_a_password_whose_entry_cannot_be_written_is_not_changed(server: Server) -> None:
    account = await signed_up(server)
    body = {"old_password": PASSWORD, "new_password": "another long password"}
    async with entries_refused(server.pg_url, account.user_id):
        refused = await server.client.post(
            "/api/v1/auth/change-password", json=body, headers=account.headers
        )
        assert refused.status == 500
    login = {"username": account.name, "password": PASSWORD}
    assert (await server.client.post("/api/v1/auth/login", json=login)).status == 200


async def test_a_library_whose_entry_cannot_be_written_is_not_created(
    server: Server, tmp_path: Path
) -> None:
    admin = await signed_up(server, admin=True)
    name = f"Movies {secrets.token_hex(3)}"
    body = {"name": name, "type": "movie", "paths": [str(tmp_path)]}
    async with entries_refused(server.pg_url, admin.user_id):
        refused = await server.client.post(LIBRARIES, json=body, headers=admin.headers)
        assert refused.status == 500
    listed = await (await server.client.get(LIBRARIES, headers=admin.headers)).json()
    assert name not in {library["name"] for library in listed["libraries"]}


async def test_a_setting_whose_entry_cannot_be_written_is_not_changed(server: Server) -> None:
    admin = await signed_up(server, admin=True)
    name = f"Den {secrets.token_hex(3)}"
    async with entries_refused(server.pg_url, admin.user_id):
        body = {"value": name}
        refused = await server.client.put(SERVER_NAME, json=body, headers=admin.headers)
        assert refused.status == 500
    connection = await asyncpg.connect(server.pg_url)
    try:
        stored = await connection.fetchval(
            "SELECT value #>> '{}' FROM shared.server_settings WHERE key = 'server.name'"
        )
    finally:
        await connection.close()
    assert stored != name


async def test_an_entry_is_rolled_back_with_its_change(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    action = f"test.{secrets.token_hex(4)}"
    login = f"nobody-{secrets.token_hex(4)}"
    now = datetime.now(UTC)
    async with PgIdentityUnit(sessions) as unit:
        await unit.attempts.record(login, "192.0.2.1", now)
        await unit.activity.add(ActivityEvent(action))
        await unit.rollback()
    assert await entries_named(sessions, action) == 0
    async with PgIdentityUnit(sessions) as unit:
        await unit.activity.add(ActivityEvent(action))
        await unit.attempts.record(login, "192.0.2.1", now)
        await unit.commit()
    assert await entries_named(sessions, action) == 1
    async with PgIdentityUnit(sessions) as unit:
        assert len(await unit.attempts.times_for_login(login, now)) == 1
