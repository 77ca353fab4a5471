"""Cached session validation: revoking a session refuses its access token on the next request,
however the session ended and on every instance."""

from __future__ import annotations

import asyncio
import secrets
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from redis.asyncio import Redis

from revenge_app.config import Config
from tests.integration.app_server import Server
from tests.integration.identity.instances import PASSWORD, Client, Cluster, bearer, signed_up

SESSIONS = "/api/v1/sessions"


@pytest.fixture
async def cluster(config: Config) -> AsyncIterator[Cluster]:
    cluster = Cluster(config)
    yield cluster
    await cluster.close()


@pytest.fixture
async def instance(cluster: Cluster) -> Server:
    return await cluster.start()


async def second_login(client: Client, first: dict[str, Any]) -> dict[str, Any]:
    body = {"username": first["user"]["username"], "password": PASSWORD}
    response = await client.post("/api/v1/auth/login", json=body)
    client.session.cookie_jar.clear()
    answer: dict[str, Any] = await response.json()
    return answer


async def current_session_id(client: Client, login: dict[str, Any]) -> str:
    response = await client.get(f"{SESSIONS}/current", headers=bearer(login))
    assert response.status == 200
    return str((await response.json())["id"])


async def status_of(client: Client, login: dict[str, Any]) -> int:
    return (await client.get(SESSIONS, headers=bearer(login))).status


async def test_validation_is_cached_and_revoking_the_session_refuses_it_at_once(
    instance: Server, redis_url: str, key_prefix: str
) -> None:
    client = instance.client
    first = await signed_up(client)
    second = await second_login(client, first)
    session_id = await current_session_id(client, first)
    raw = Redis.from_url(redis_url)
    try:
        assert await raw.exists(f"{key_prefix}cache:credentials:session:{session_id}")
    finally:
        await raw.aclose()
    revoked = await client.delete(f"{SESSIONS}/{session_id}", headers=bearer(second))
    assert revoked.status == 204
    assert await status_of(client, first) == 401
    assert await status_of(client, second) == 200


async def test_logout_everywhere_and_a_password_change_end_cached_sessions(
    instance: Server,
) -> None:
    client = instance.client
    first = await signed_up(client)
    second, third = await second_login(client, first), await second_login(client, first)
    assert await status_of(client, second) == 200
    assert await status_of(client, third) == 200
    assert (await client.delete(SESSIONS, headers=bearer(first))).status == 204
    assert await status_of(client, second) == 401
    assert await status_of(client, third) == 401

    fourth = await second_login(client, first)
    assert await status_of(client, fourth) == 200
    body = {"old_password": PASSWORD, "new_password": f"new {secrets.token_hex(4)}"}
    changed = await client.post("/api/v1/auth/change-password", json=body, headers=bearer(first))
    assert changed.status == 204
    assert await status_of(client, fourth) == 401
    assert await status_of(client, first) == 200


async def test_a_replayed_refresh_token_ends_the_cached_session(instance: Server) -> None:
    client = instance.client
    login = await signed_up(client)
    body = {"refresh_token": login["refresh_token"]}
    fresh = await (await client.post(f"{SESSIONS}/refresh", json=body)).json()
    assert await status_of(client, fresh) == 200
    assert (await client.post(f"{SESSIONS}/refresh", json=body)).status == 401
    assert await status_of(client, fresh) == 401


async def test_a_session_ended_on_one_instance_is_refused_by_the_others(
    cluster: Cluster,
) -> None:
    one, two = await cluster.start(), await cluster.start()
    login = await signed_up(one.client)
    assert await status_of(two.client, login) == 200  # cached by the second instance
    assert (await one.client.post("/api/v1/auth/logout", headers=bearer(login))).status == 204
    # The broadcast reaches the other instance asynchronously: allow it a moment.
    deadline = time.monotonic() + 2
    while await status_of(two.client, login) != 401:
        assert time.monotonic() < deadline, "the other instance still accepts the session"
        await asyncio.sleep(0.01)
