"""API keys through the real HTTP app, on real PostgreSQL and Redis."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from revenge_app.config import Config
from tests.integration.app_server import Server
from tests.integration.identity.instances import Client, Cluster, bearer, signed_up

KEYS = "/api/v1/apikeys"


@pytest.fixture
async def instance(config: Config) -> AsyncIterator[Server]:
    cluster = Cluster(config)
    yield await cluster.start()
    await cluster.close()


async def created_key(
    client: Client, login: dict[str, Any], scopes: list[str], **extra: Any
) -> dict[str, Any]:
    body = {"name": "script", "scopes": scopes, **extra}
    response = await client.post(KEYS, json=body, headers=bearer(login))
    assert response.status == 201, await response.text()
    answer: dict[str, Any] = await response.json()
    return answer


def with_key(created: dict[str, Any]) -> dict[str, str]:
    return {"X-API-Key": created["api_key"]}


async def test_the_secret_is_shown_on_creation_and_never_again(instance: Server) -> None:
    client = instance.client
    login = await signed_up(client)
    created = await created_key(client, login, ["read"], description="backups")
    secret = created["api_key"]
    assert secret.startswith("rv_")
    assert len(secret) == 67
    assert created["key_prefix"] == secret[:8]
    assert created["message"]
    listed = await client.get(KEYS, headers=bearer(login))
    shown = await client.get(f"{KEYS}/{created['id']}", headers=bearer(login))
    for response in (listed, shown):
        assert response.status == 200
        assert secret not in await response.text()
    body = await listed.json()
    assert body["total"] == 1
    assert body["keys"][0]["description"] == "backups"
    assert body["keys"][0]["scopes"] == ["read"]
    assert (await shown.json())["key_prefix"] == secret[:8]


async def test_a_key_authenticates_its_owner_without_csrf(instance: Server) -> None:
    client = instance.client
    login = await signed_up(client)
    created = await created_key(client, login, ["write"])
    sessions = await client.get("/api/v1/sessions", headers=with_key(created))
    assert sessions.status == 200
    assert [s["is_current"] for s in (await sessions.json())["sessions"]] == [False]
    another = await client.post(
        KEYS, json={"name": "x", "scopes": ["read"]}, headers=with_key(created)
    )
    assert another.status == 201


async def test_a_read_key_is_refused_a_write_route(instance: Server) -> None:
    client = instance.client
    login = await signed_up(client)
    created = await created_key(client, login, ["read"])
    assert (await client.get(KEYS, headers=with_key(created))).status == 200
    refused = await client.post(
        KEYS, json={"name": "x", "scopes": ["read"]}, headers=with_key(created)
    )
    assert refused.status == 403
    assert (await refused.json())["message"] == "this API key may only read"


async def test_a_read_key_cannot_end_sessions_either(instance: Server) -> None:
    client = instance.client
    login = await signed_up(client)
    created = await created_key(client, login, ["read"])
    refused = await client.delete("/api/v1/sessions", headers=with_key(created))
    assert refused.status == 403
    assert (await client.get("/api/v1/sessions", headers=with_key(created))).status == 200


async def test_a_revoked_key_is_refused_on_the_next_request(instance: Server) -> None:
    client = instance.client
    login = await signed_up(client)
    created = await created_key(client, login, ["write"])
    assert (await client.get(KEYS, headers=with_key(created))).status == 200  # now cached
    revoked = await client.delete(f"{KEYS}/{created['id']}", headers=with_key(created))
    assert revoked.status == 204
    refused = await client.get(KEYS, headers=with_key(created))
    assert refused.status == 401
    shown = await client.get(f"{KEYS}/{created['id']}", headers=bearer(login))
    assert (await shown.json())["is_active"] is False


async def test_unknown_malformed_and_expired_keys_are_refused(instance: Server) -> None:
    client = instance.client
    for secret in ("rv_" + "0" * 64, "not a key"):
        assert (await client.get(KEYS, headers={"X-API-Key": secret})).status == 401
    login = await signed_up(client)
    past = (datetime.now(UTC) - timedelta(minutes=1)).isoformat()
    body = {"name": "old", "scopes": ["read"], "expires_at": past}
    assert (await client.post(KEYS, json=body, headers=bearer(login))).status == 400
    soon = datetime.now(UTC) + timedelta(seconds=1)
    expiring = await created_key(client, login, ["read"], expires_at=soon.isoformat())
    assert (await client.get(KEYS, headers=with_key(expiring))).status == 200
    await asyncio.sleep(max(0.0, (soon - datetime.now(UTC)).total_seconds()) + 0.05)
    assert (await client.get(KEYS, headers=with_key(expiring))).status == 401


async def test_an_eleventh_active_key_is_a_conflict(instance: Server) -> None:
    client = instance.client
    login = await signed_up(client)
    made = [await created_key(client, login, ["read"]) for _ in range(10)]
    body = {"name": "one too many", "scopes": ["read"]}
    assert (await client.post(KEYS, json=body, headers=bearer(login))).status == 409
    await client.delete(f"{KEYS}/{made[0]['id']}", headers=bearer(login))
    assert (await client.post(KEYS, json=body, headers=bearer(login))).status == 201


async def test_another_users_key_is_not_found(instance: Server) -> None:
    client = instance.client
    alice, bob = await signed_up(client), await signed_up(client)
    created = await created_key(client, alice, ["read"])
    for method in ("GET", "DELETE"):
        response = await client.request(method, f"{KEYS}/{created['id']}", headers=bearer(bob))
        assert response.status == 404


async def test_last_used_at_appears_after_the_batched_write(instance: Server) -> None:
    client = instance.client
    login = await signed_up(client)
    created = await created_key(client, login, ["read"])
    shown_url = f"{KEYS}/{created['id']}"
    assert (await (await client.get(shown_url, headers=bearer(login))).json())[
        "last_used_at"
    ] is None
    assert (await client.get(KEYS, headers=with_key(created))).status == 200
    deadline = time.monotonic() + 5
    while True:
        last_used = (await (await client.get(shown_url, headers=bearer(login))).json())[
            "last_used_at"
        ]
        if last_used is not None or time.monotonic() > deadline:
            break
        await asyncio.sleep(0.02)
    assert last_used is not None
    assert datetime.fromisoformat(last_used) > datetime.now(UTC) - timedelta(minutes=1)
