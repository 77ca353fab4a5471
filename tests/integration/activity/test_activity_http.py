"""The activity log through the real app and PostgreSQL: written as events happen, read by
admins."""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.activity import PgActivityStore
from revenge_domain.activity import (
    ActivityCleanup,
    ActivityEntry,
    ActivityEvent,
)
from tests.integration.app_server import Server, signed_up
from tests.integration.support import PASSWORD

ACTIVITY = "/api/v1/admin/activity"
NOW = datetime.now(UTC)


async def get_json(server: Server, path: str, headers: dict[str, str], **params: Any) -> Any:
    response = await server.client.get(path, headers=headers, params=params)
    assert response.status == 200, await response.text()
    return await response.json()


async def test_a_login_is_written_to_the_log(server: Server) -> None:
    admin = await signed_up(server, admin=True)
    page = await get_json(server, f"{ACTIVITY}/users/{admin.user_id}", admin.headers, limit=10)
    logins = [entry for entry in page["entries"] if entry["action"] == "user.login"]
    assert len(logins) == 1
    assert logins[0]["success"] is True
    assert logins[0]["username"] == admin.name
    assert logins[0]["ip_address"] == "127.0.0.1"


async def test_a_login_is_logged_while_the_job_queue_is_down(server: Server) -> None:
    server.queue.unreachable = True
    admin = await signed_up(server, admin=True)
    page = await get_json(server, f"{ACTIVITY}/users/{admin.user_id}", admin.headers, limit=10)
    assert [entry["action"] for entry in page["entries"]] == ["user.login"]
    assert server.queue.enqueued == []


async def test_a_failed_login_is_logged_as_a_failure(server: Server) -> None:
    admin = await signed_up(server, admin=True)
    refused = await server.client.post(
        "/api/v1/auth/login", json={"username": admin.name, "password": "wrong " + PASSWORD}
    )
    assert refused.status == 401
    page = await get_json(
        server, ACTIVITY, admin.headers, user_id=str(admin.user_id), success="false"
    )
    assert [entry["error_message"] for entry in page["entries"]] == ["invalid username or password"]


async def add_entries(
    sessions: async_sessionmaker[AsyncSession], action: str, count: int, **values: Any
) -> None:
    store = PgActivityStore(sessions)
    for age in range(count):
        event = ActivityEvent(action, occurred_at=NOW - timedelta(minutes=age), **values)
        await store.add(ActivityEntry(uuid.uuid4(), event))


async def test_search_filters_and_pages_newest_first(
    server: Server, sessions: async_sessionmaker[AsyncSession]
) -> None:
    admin = await signed_up(server, admin=True)
    action = f"test.{secrets.token_hex(4)}"
    await add_entries(sessions, action, 5)
    await add_entries(sessions, action, 2, success=False, error_message="boom")
    page = await get_json(server, ACTIVITY, admin.headers, action=action, limit=2, offset=2)
    assert (page["total"], page["page"], page["page_size"]) == (7, 2, 2)
    assert len(page["entries"]) == 2
    everything = await get_json(server, ACTIVITY, admin.headers, action=action)
    times = [entry["created_at"] for entry in everything["entries"]]
    assert times == sorted(times, reverse=True)
    failed = await get_json(server, ACTIVITY, admin.headers, action=action, success="false")
    assert failed["total"] == 2
    recent = await get_json(
        server,
        ACTIVITY,
        admin.headers,
        action=action,
        start_time=(NOW - timedelta(seconds=90)).isoformat(),
    )
    assert recent["total"] == 4  # minutes 0 and 1 of both batches


async def test_entries_of_one_resource(
    server: Server, sessions: async_sessionmaker[AsyncSession]
) -> None:
    admin = await signed_up(server, admin=True)
    library = uuid.uuid4()
    await add_entries(sessions, "library.scan", 3, resource_type="library", resource_id=library)
    page = await get_json(server, f"{ACTIVITY}/resources/library/{library}", admin.headers)
    assert page["total"] == 3
    assert {entry["resource_id"] for entry in page["entries"]} == {str(library)}


async def test_stats_and_recent_actions(
    server: Server, sessions: async_sessionmaker[AsyncSession]
) -> None:
    admin = await signed_up(server, admin=True)
    action = f"test.{secrets.token_hex(4)}"
    await add_entries(sessions, action, 60)
    stats = await get_json(server, f"{ACTIVITY}/stats", admin.headers)
    assert stats["total_count"] == stats["success_count"] + stats["failed_count"]
    assert stats["total_count"] >= 60
    assert stats["oldest_entry"] <= stats["newest_entry"]
    actions = await get_json(server, f"{ACTIVITY}/actions", admin.headers, limit=50)
    assert {"action": action, "count": 60} in actions["actions"]


async def test_a_user_cannot_read_the_log(server: Server) -> None:
    user = await signed_up(server)
    response = await server.client.get(ACTIVITY, headers=user.headers)
    assert response.status == 403


async def test_cleanup_deletes_only_entries_past_the_retention(
    server: Server, sessions: async_sessionmaker[AsyncSession]
) -> None:
    admin = await signed_up(server, admin=True)
    action = f"test.{secrets.token_hex(4)}"
    store = PgActivityStore(sessions)
    for age_days in (1, 29, 31, 200):
        event = ActivityEvent(action, occurred_at=NOW - timedelta(days=age_days))
        await store.add(ActivityEntry(uuid.uuid4(), event))
    await server.queue.enqueue(ActivityCleanup(retention_days=30))
    page = await get_json(server, ACTIVITY, admin.headers, action=action)
    ages = sorted(
        (NOW - datetime.fromisoformat(entry["created_at"])).days for entry in page["entries"]
    )
    assert ages == [1, 29]


async def test_an_entry_with_nul_characters_is_stored_not_lost(
    server: Server, sessions: async_sessionmaker[AsyncSession]
) -> None:
    admin = await signed_up(server, admin=True)
    resource = uuid.uuid4()
    event = ActivityEvent(
        "oidc.provider.updated",
        user_id=admin.user_id,
        resource_type="oidc_provider",
        resource_id=resource,
        changes={"na\x00me": {"old": "a", "new": ["b\x00c"]}},
        user_agent="agent\x00",
        error_message="x\x00y",
    )
    await PgActivityStore(sessions).add(ActivityEntry(uuid.uuid4(), event))
    page = await get_json(server, f"{ACTIVITY}/resources/oidc_provider/{resource}", admin.headers)
    [entry] = page["entries"]
    assert entry["changes"] == {"na\ufffdme": {"old": "a", "new": ["b\ufffdc"]}}
    assert entry["user_agent"] == "agent\ufffd"
    assert entry["error_message"] == "x\ufffdy"
