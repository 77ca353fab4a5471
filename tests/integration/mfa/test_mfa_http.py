"""TOTP, backup codes and signing in with a second factor, through the real HTTP app and a real
PostgreSQL database. TOTP codes are computed at a test-controlled time."""

from __future__ import annotations

import base64
import secrets
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import attrs
import pytest

from revenge_app.config import Config
from revenge_app.registry import resolved
from revenge_domain.mfa.totp import code_at, secret_key
from tests.integration.app_server import app_server
from tests.integration.support import PASSWORD, Client
from tests.unit.fakes.mfa import SteppingClock

MFA = "/api/v1/mfa"


@attrs.define
class Server:
    client: Client
    clock: SteppingClock


@pytest.fixture
async def server(config: Config) -> AsyncIterator[Server]:
    async with app_server(config) as running:
        mfa = await resolved(running.container.identity.mfa())
        clock = SteppingClock(datetime.now(UTC))
        mfa.clock = clock  # TOTP codes are checked at the test's time
        yield Server(running.client, clock)


@pytest.fixture
def client(server: Server) -> Client:
    return server.client


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def login(client: Client, name: str) -> dict[str, Any]:
    client.session.cookie_jar.clear()
    response = await client.post(
        "/api/v1/auth/login", json={"username": name, "password": PASSWORD, "device_name": "ci"}
    )
    assert response.status == 200
    body: dict[str, Any] = await response.json()
    return body


async def signed_up(client: Client) -> tuple[str, str]:
    """A fresh account, signed in: its name and access token."""
    name = f"m{secrets.token_hex(5)}"
    body = {"username": name, "email": f"{name}@example.com", "password": PASSWORD}
    assert (await client.post("/api/v1/auth/register", json=body)).status == 201
    return name, (await login(client, name))["access_token"]


async def with_totp_required(client: Client, server: Server) -> tuple[str, str, bytes]:
    """A signed-in account with TOTP enabled and required: name, access token, TOTP key."""
    name, token = await signed_up(client)
    setup = await client.post(
        f"{MFA}/totp/setup", json={"account_name": name}, headers=bearer(token)
    )
    assert setup.status == 200
    body = await setup.json()
    assert body["url"].startswith(f"otpauth://totp/Revenge:{name}?")
    assert base64.b64decode(body["qr_code"]).startswith(b"\x89PNG")
    key = secret_key(body["secret"])
    code = code_at(key, server.clock())
    wrong = "000000" if code != "000000" else "111111"
    refused = await client.post(f"{MFA}/totp/verify", json={"code": wrong}, headers=bearer(token))
    assert refused.status == 400
    verified = await client.post(f"{MFA}/totp/verify", json={"code": code}, headers=bearer(token))
    assert (verified.status, (await verified.json())["success"]) == (200, True)
    enabled = await client.post(f"{MFA}/enable", headers=bearer(token))
    assert (enabled.status, await enabled.json()) == (200, {"success": True})
    server.clock.advance(30)  # the enrolment code's time step is spent
    return name, token, key


async def status_of(client: Client, token: str) -> dict[str, Any]:
    response = await client.get(f"{MFA}/status", headers=bearer(token))
    assert response.status == 200
    body: dict[str, Any] = await response.json()
    return body


async def pending_token(client: Client, name: str) -> str:
    body = await login(client, name)
    assert body["mfa_required"] is True
    assert "access_token" not in body
    assert "revenge_access_token" not in client.session.cookie_jar.filter_cookies(
        client.make_url("/api/v1/auth")
    )
    token: str = body["mfa_token"]
    return token


async def test_totp_enrolment_then_sign_in_needs_a_current_code_once(
    client: Client, server: Server
) -> None:
    name, token, key = await with_totp_required(client, server)
    status = await status_of(client, token)
    assert (status["has_totp"], status["require_mfa"], status["unused_backup_codes"]) == (
        True,
        True,
        0,
    )
    assert (await client.post("/api/v1/auth/logout", headers=bearer(token))).status == 204

    pending = await pending_token(client, name)
    assert (await client.get("/api/v1/sessions", headers=bearer(pending))).status == 401
    assert (await client.get(f"{MFA}/status", headers=bearer(pending))).status == 401
    setup = await client.post(
        f"{MFA}/totp/setup", json={"account_name": name}, headers=bearer(pending)
    )
    assert setup.status == 401

    code = code_at(key, server.clock())
    wrong = "000000" if code != "000000" else "111111"
    refused = await client.post(f"{MFA}/totp/verify", json={"code": wrong}, headers=bearer(pending))
    assert refused.status == 401
    done = await client.post(f"{MFA}/totp/verify", json={"code": code}, headers=bearer(pending))
    assert done.status == 200
    signed_in = await done.json()
    assert signed_in["user"]["username"] == name
    assert "revenge_access_token" in done.cookies
    listed = await client.get("/api/v1/sessions", headers=bearer(signed_in["access_token"]))
    assert listed.status == 200
    assert [s["device_name"] for s in (await listed.json())["sessions"]] == ["ci"]

    again = await pending_token(client, name)
    replay = await client.post(f"{MFA}/totp/verify", json={"code": code}, headers=bearer(again))
    assert replay.status == 401


async def test_a_backup_code_finishes_a_sign_in_only_once(client: Client, server: Server) -> None:
    name, token, _ = await with_totp_required(client, server)
    generated = await client.post(f"{MFA}/backup-codes/generate", headers=bearer(token))
    body = await generated.json()
    assert (generated.status, body["count"], len(set(body["codes"]))) == (200, 10, 10)
    code = body["codes"][0]
    not_pending = await client.post(
        f"{MFA}/backup-codes/verify", json={"code": code}, headers=bearer(token)
    )
    assert not_pending.status == 400

    pending = await pending_token(client, name)
    done = await client.post(
        f"{MFA}/backup-codes/verify", json={"code": code}, headers=bearer(pending)
    )
    assert done.status == 200
    access = (await done.json())["access_token"]
    assert (await status_of(client, access))["unused_backup_codes"] == 9

    pending = await pending_token(client, name)
    used = await client.post(
        f"{MFA}/backup-codes/verify", json={"code": code}, headers=bearer(pending)
    )
    assert used.status == 401

    regenerated = await client.post(f"{MFA}/backup-codes/regenerate", headers=bearer(access))
    assert (await regenerated.json())["codes"][1] != body["codes"][1]
    pending = await pending_token(client, name)
    stale = {"code": body["codes"][1]}
    replaced = await client.post(f"{MFA}/backup-codes/verify", json=stale, headers=bearer(pending))
    assert replaced.status == 401


async def test_disabling_totp_needs_proof_and_then_the_password_suffices(
    client: Client, server: Server
) -> None:
    name, token, _ = await with_totp_required(client, server)
    assert (await client.delete(f"{MFA}/totp", headers=bearer(token))).status == 401
    wrong = await client.delete(f"{MFA}/totp", json={"password": "nope"}, headers=bearer(token))
    assert wrong.status == 400
    removed = await client.delete(f"{MFA}/totp", json={"password": PASSWORD}, headers=bearer(token))
    assert removed.status == 204
    status = await status_of(client, token)
    assert (status["has_totp"], status["require_mfa"]) == (False, False)
    assert (await client.post(f"{MFA}/enable", headers=bearer(token))).status == 400
    assert "access_token" in await login(client, name)


async def test_requiring_mfa_can_be_switched_off_keeping_totp(
    client: Client, server: Server
) -> None:
    name, token, _ = await with_totp_required(client, server)
    disabled = await client.post(f"{MFA}/disable", headers=bearer(token))
    assert (disabled.status, await disabled.json()) == (200, {"success": True})
    status = await status_of(client, token)
    assert (status["has_totp"], status["require_mfa"]) == (True, False)
    assert "access_token" in await login(client, name)
