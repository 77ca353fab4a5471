"""WebAuthn through the real HTTP app, PostgreSQL and Redis, with a software authenticator."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from typing import Any

import pytest
import redis.asyncio as aioredis

from revenge_app.config import Config
from tests.integration.app_server import app_server
from tests.integration.mfa.soft_authenticator import SoftAuthenticator
from tests.integration.support import PASSWORD, Client

ORIGIN = "http://localhost:8096"  # the default public URL of Config()
WEBAUTHN = "/api/v1/mfa/webauthn"


@pytest.fixture
async def redis(redis_url: str) -> AsyncIterator[aioredis.Redis]:
    client = aioredis.from_url(redis_url)
    yield client
    await client.aclose()


@pytest.fixture
async def client(config: Config) -> AsyncIterator[Client]:
    async with app_server(config) as server:
        yield server.client


async def signed_up(client: Client) -> dict[str, str]:
    """Headers of a fresh account's bearer token (no cookies kept)."""
    name = f"u{secrets.token_hex(5)}"
    body = {"username": name, "email": f"{name}@example.com", "password": PASSWORD}
    assert (await client.post("/api/v1/auth/register", json=body)).status == 201
    login = await client.post("/api/v1/auth/login", json={"username": name, "password": PASSWORD})
    assert login.status == 200
    client.session.cookie_jar.clear()
    return {"Authorization": f"Bearer {(await login.json())['access_token']}"}


async def registered(client: Client, auth: dict[str, str]) -> SoftAuthenticator:
    key = SoftAuthenticator()
    begin = await client.post(
        f"{WEBAUTHN}/register/begin", json={"credential_name": "Desk key"}, headers=auth
    )
    assert begin.status == 200
    options = (await begin.json())["options"]
    answer = {"credential": key.create(options, ORIGIN)}
    finish = await client.post(f"{WEBAUTHN}/register/finish", json=answer, headers=auth)
    assert finish.status == 200, await finish.text()
    return key


async def login_options(client: Client) -> dict[str, Any]:
    begin = await client.post(f"{WEBAUTHN}/login/begin")
    assert begin.status == 200
    options: dict[str, Any] = (await begin.json())["options"]
    return options


async def finish_login(client: Client, assertion: dict[str, Any]) -> Any:
    response = await client.post(f"{WEBAUTHN}/login/finish", json={"credential": assertion})
    client.session.cookie_jar.clear()
    return response


async def credentials(client: Client, auth: dict[str, str]) -> dict[str, Any]:
    listed = await client.get(f"{WEBAUTHN}/credentials", headers=auth)
    assert listed.status == 200
    body: dict[str, Any] = await listed.json()
    return body


async def test_register_list_rename_sign_in_and_delete(client: Client) -> None:
    auth = await signed_up(client)
    key = await registered(client, auth)
    listed = await credentials(client, auth)
    assert listed["count"] == 1
    (credential,) = listed["credentials"]
    assert credential["name"] == "Desk key"
    assert credential["clone_detected"] is False
    assert "last_used_at" not in credential
    path = f"{WEBAUTHN}/credentials/{credential['id']}"
    renamed = await client.patch(path, json={"name": "Travel key"}, headers=auth)
    assert renamed.status == 200
    assert (await credentials(client, auth))["credentials"][0]["name"] == "Travel key"

    signed_in = await finish_login(client, key.get(await login_options(client), ORIGIN))
    assert signed_in.status == 200, await signed_in.text()
    body = await signed_in.json()
    assert body["success"] is True
    new_auth = {"Authorization": f"Bearer {body['access_token']}"}
    assert (await client.get("/api/v1/sessions/current", headers=new_auth)).status == 200
    assert "last_used_at" in (await credentials(client, new_auth))["credentials"][0]

    assert (await client.delete(path, headers=auth)).status == 204
    assert (await credentials(client, auth))["count"] == 0
    assert (await client.delete(path, headers=auth)).status == 404


async def test_registration_needs_a_signed_in_user(client: Client) -> None:
    response = await client.post(f"{WEBAUTHN}/register/begin", json={})
    assert response.status == 401


async def test_an_assertion_from_another_origin_is_refused(client: Client) -> None:
    key = await registered(client, await signed_up(client))
    refused = await finish_login(client, key.get(await login_options(client), "http://evil.test"))
    assert refused.status == 401
    assert "access_token" not in await refused.json()


async def test_a_registration_from_another_origin_is_refused(client: Client) -> None:
    auth = await signed_up(client)
    begin = await client.post(f"{WEBAUTHN}/register/begin", headers=auth)
    answer = SoftAuthenticator().create((await begin.json())["options"], "http://evil.test")
    finish = await client.post(
        f"{WEBAUTHN}/register/finish", json={"credential": answer}, headers=auth
    )
    assert finish.status == 400
    assert (await credentials(client, auth))["count"] == 0


async def test_a_replayed_assertion_is_refused(client: Client) -> None:
    key = await registered(client, await signed_up(client))
    assertion = key.get(await login_options(client), ORIGIN)
    assert (await finish_login(client, assertion)).status == 200
    assert (await finish_login(client, assertion)).status == 401


async def test_a_challenge_answers_only_once(client: Client) -> None:
    key = await registered(client, await signed_up(client))
    options = await login_options(client)
    assert (await finish_login(client, key.get(options, ORIGIN))).status == 200
    # A fresh signature with a higher counter, but for the spent challenge.
    assert (await finish_login(client, key.get(options, ORIGIN))).status == 401


async def test_a_counter_that_goes_back_is_refused_and_marks_a_clone(client: Client) -> None:
    auth = await signed_up(client)
    key = await registered(client, auth)
    assert (await finish_login(client, key.get(await login_options(client), ORIGIN))).status == 200
    key.sign_count = 0  # a copy of the key that was never used: its next count is 1 again
    assert (await finish_login(client, key.get(await login_options(client), ORIGIN))).status == 401
    assert (await credentials(client, auth))["credentials"][0]["clone_detected"] is True
    key.sign_count = 50  # even a higher counter is refused once a clone was seen
    assert (await finish_login(client, key.get(await login_options(client), ORIGIN))).status == 401


async def test_an_unknown_or_expired_challenge_is_refused(
    client: Client, redis: aioredis.Redis, key_prefix: str
) -> None:
    key = await registered(client, await signed_up(client))
    forged = {"challenge": "bm90LWlzc3VlZC1ieS10aGUtc2VydmVy"}
    assert (await finish_login(client, key.get(forged, ORIGIN))).status == 401

    options = await login_options(client)
    (stored,) = [k async for k in redis.scan_iter(match=f"{key_prefix}webauthn:challenge:*")]
    assert 0 < await redis.ttl(stored) <= 300
    await redis.delete(stored)  # what expiry does after five minutes
    assert (await finish_login(client, key.get(options, ORIGIN))).status == 401
