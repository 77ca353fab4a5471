"""A security key as the second factor of a password sign-in, through the real HTTP app,
PostgreSQL and Redis, with a software authenticator."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.identity.tables import failed_login_attempts, users
from revenge_app.config import Config
from tests.integration.app_server import app_server
from tests.integration.mfa.soft_authenticator import SoftAuthenticator, b64url
from tests.integration.mfa.test_webauthn_http import ORIGIN, PASSWORD, WEBAUTHN, registered
from tests.integration.support import Client


@pytest.fixture
async def client(config: Config) -> AsyncIterator[Client]:
    async with app_server(config) as server:
        yield server.client


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def login(client: Client, name: str) -> dict[str, Any]:
    client.session.cookie_jar.clear()
    body = {"username": name, "password": PASSWORD, "device_name": "ci"}
    response = await client.post("/api/v1/auth/login", json=body)
    assert response.status == 200
    answer: dict[str, Any] = await response.json()
    client.session.cookie_jar.clear()
    return answer


async def with_key(client: Client, require_mfa: bool) -> tuple[str, SoftAuthenticator]:
    """A fresh account with a registered key, MFA required or not, signed out: name and key."""
    name = f"w{secrets.token_hex(5)}"
    body = {"username": name, "email": f"{name}@example.com", "password": PASSWORD}
    assert (await client.post("/api/v1/auth/register", json=body)).status == 201
    auth = bearer((await login(client, name))["access_token"])
    key = await registered(client, auth)
    if require_mfa:
        assert (await client.post("/api/v1/mfa/enable", headers=auth)).status == 200
    assert (await client.post("/api/v1/auth/logout", headers=auth)).status == 204
    return name, key


async def pending_token(client: Client, name: str) -> str:
    body = await login(client, name)
    assert body["mfa_required"] is True
    assert "webauthn" in body["methods"]
    assert "access_token" not in body
    token: str = body["mfa_token"]
    return token


async def begin(client: Client, headers: dict[str, str]) -> dict[str, Any]:
    response = await client.post(f"{WEBAUTHN}/login/begin", headers=headers)
    assert response.status == 200, await response.text()
    options: dict[str, Any] = (await response.json())["options"]
    return options


async def finish(client: Client, assertion: dict[str, Any], headers: dict[str, str]) -> Any:
    response = await client.post(
        f"{WEBAUTHN}/login/finish", json={"credential": assertion}, headers=headers
    )
    client.session.cookie_jar.clear()
    return response


async def test_a_key_of_the_pending_user_finishes_the_sign_in(client: Client) -> None:
    name, key = await with_key(client, require_mfa=True)
    pending = bearer(await pending_token(client, name))
    assert (await client.get("/api/v1/sessions", headers=pending)).status == 401

    options = await begin(client, pending)
    assert [c["id"] for c in options["allowCredentials"]] == [b64url(key.credential_id)]
    done = await finish(client, key.get(options, ORIGIN), pending)
    assert done.status == 200, await done.text()
    body = await done.json()
    assert body["user"]["username"] == name
    assert body["user_id"] == body["user"]["id"]
    assert "revenge_access_token" in done.cookies
    listed = await client.get("/api/v1/sessions", headers=bearer(body["access_token"]))
    assert listed.status == 200
    assert [s["device_name"] for s in (await listed.json())["sessions"]] == ["ci"]


async def failures(sessions: async_sessionmaker[AsyncSession], name: str) -> int:
    """Failed sign-ins counted against the account named `name`."""
    user_id = select(users.c.id).where(users.c.username == name).scalar_subquery()
    key = func.concat("account:", user_id)
    query = select(func.count()).where(failed_login_attempts.c.login == key)
    async with sessions() as session:
        return int((await session.execute(query)).scalar_one())


async def test_a_key_of_another_user_is_refused_for_a_pending_sign_in(
    client: Client, sessions: async_sessionmaker[AsyncSession]
) -> None:
    name, key = await with_key(client, require_mfa=True)
    _, foreign = await with_key(client, require_mfa=False)
    pending = bearer(await pending_token(client, name))

    refused = await finish(client, foreign.get(await begin(client, pending), ORIGIN), pending)
    assert refused.status == 401
    assert "access_token" not in await refused.json()
    assert await failures(sessions, name) == 1

    # A challenge begun without the pending token proves nothing for it either.
    passwordless = await begin(client, {})
    assert (await finish(client, key.get(passwordless, ORIGIN), pending)).status == 401
    assert await failures(sessions, name) == 2

    done = await finish(client, key.get(await begin(client, pending), ORIGIN), pending)
    assert done.status == 200
    assert await failures(sessions, name) == 0


async def test_without_a_pending_token_the_key_still_signs_in_alone(client: Client) -> None:
    _, key = await with_key(client, require_mfa=True)
    done = await finish(client, key.get(await begin(client, {}), ORIGIN), {})
    assert done.status == 200
    assert (await done.json())["user_id"]
    assert "user" not in await done.json()
