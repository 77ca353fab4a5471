"""Sign-in flows through the real HTTP app against a real PostgreSQL database."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import pytest

from revenge_app.config import Config
from tests.integration.app_server import app_server
from tests.integration.support import PASSWORD, Client


@pytest.fixture
async def client(config: Config) -> AsyncIterator[Client]:
    async with app_server(config) as server:
        yield server.client


async def signed_up(client: Client) -> tuple[str, dict[str, Any]]:
    """Register a fresh account and sign in (fresh cookies land in the client's jar)."""
    name = f"u{secrets.token_hex(5)}"
    body = {"username": name, "email": f"{name}@example.com", "password": PASSWORD}
    assert (await client.post("/api/v1/auth/register", json=body)).status == 201
    login = await client.post(
        "/api/v1/auth/login", json={"username": name, "password": PASSWORD, "device_name": "ci"}
    )
    assert login.status == 200
    return name, await login.json()


def bearer(login: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": f"Bearer {login['access_token']}"}


async def test_without_credentials_a_signed_in_route_answers_401(client: Client) -> None:
    response = await client.get("/api/v1/sessions")
    assert response.status == 401
    assert (await response.json())["error"] == "unauthenticated"


async def test_bearer_login_lists_the_current_session(client: Client) -> None:
    _, login = await signed_up(client)
    client.session.cookie_jar.clear()
    listed = await client.get("/api/v1/sessions", headers=bearer(login))
    body = await listed.json()
    assert listed.status == 200
    assert body["total"] == 1
    assert body["sessions"][0]["is_current"] is True
    assert body["sessions"][0]["device_name"] == "ci"
    current = await client.get("/api/v1/sessions/current", headers=bearer(login))
    assert (await current.json())["id"] == body["sessions"][0]["id"]


async def test_cookies_authenticate_and_unsafe_methods_need_the_csrf_token(client: Client) -> None:
    await signed_up(client)
    assert (await client.get("/api/v1/sessions/current")).status == 200
    missing = await client.delete("/api/v1/sessions")
    assert missing.status == 403
    assert (await missing.json())["message"] == "CSRF token missing"
    wrong = await client.delete("/api/v1/sessions", headers={"X-CSRF-Token": "nope"})
    assert wrong.status == 403
    csrf = client.session.cookie_jar.filter_cookies(client.make_url("/"))["revenge_csrf"].value
    assert (await client.delete("/api/v1/sessions", headers={"X-CSRF-Token": csrf})).status == 204


def csrf_cookie(client: Client) -> str:
    return client.session.cookie_jar.filter_cookies(client.make_url("/"))["revenge_csrf"].value


async def test_a_made_up_csrf_token_is_refused_even_in_the_cookie(client: Client) -> None:
    await signed_up(client)
    client.session.cookie_jar.update_cookies({"revenge_csrf": "x"})
    forged = await client.delete("/api/v1/sessions", headers={"X-CSRF-Token": "x"})
    assert forged.status == 403
    assert (await forged.json())["message"] == "CSRF token invalid"


async def test_the_csrf_token_of_another_session_is_refused(client: Client) -> None:
    name, _ = await signed_up(client)
    first = csrf_cookie(client)
    again = {"username": name, "password": PASSWORD}
    assert (await client.post("/api/v1/auth/login", json=again)).status == 200
    second = csrf_cookie(client)
    assert second != first  # a new session, a new token
    stale = await client.delete("/api/v1/sessions", headers={"X-CSRF-Token": first})
    assert stale.status == 403
    assert (await client.delete("/api/v1/sessions", headers={"X-CSRF-Token": second})).status == 204


async def test_bearer_requests_need_no_csrf_token(client: Client) -> None:
    _, login = await signed_up(client)
    client.session.cookie_jar.clear()
    assert (await client.delete("/api/v1/sessions", headers=bearer(login))).status == 204


async def test_a_role_without_the_permission_gets_403(client: Client, pg_url: str) -> None:
    name, login = await signed_up(client)
    client.session.cookie_jar.clear()
    db = await asyncpg.connect(pg_url)
    try:
        await db.execute(
            "UPDATE shared.user_roles SET role = 'guest' WHERE user_id ="
            " (SELECT id FROM shared.users WHERE username = $1)",
            name,
        )
    finally:
        await db.close()
    body = {"old_password": PASSWORD, "new_password": "another password"}
    response = await client.post("/api/v1/auth/change-password", json=body, headers=bearer(login))
    assert response.status == 403
    assert (await response.json())["details"]["required_permission"] == "profile:update"


async def test_refresh_rotates_and_a_replayed_token_ends_the_session(client: Client) -> None:
    _, login = await signed_up(client)
    client.session.cookie_jar.clear()
    first = login["refresh_token"]
    rotated = await client.post("/api/v1/sessions/refresh", json={"refresh_token": first})
    assert rotated.status == 200
    fresh = await rotated.json()
    assert fresh["refresh_token"] != first
    assert (await client.get("/api/v1/sessions", headers=bearer(fresh))).status == 200
    replay = await client.post("/api/v1/auth/refresh", json={"refresh_token": first})
    assert replay.status == 401
    assert (await client.get("/api/v1/sessions", headers=bearer(fresh))).status == 401


async def test_refresh_reads_the_refresh_cookie(client: Client) -> None:
    await signed_up(client)
    response = await client.post("/api/v1/auth/refresh")
    assert response.status == 200
    assert "revenge_access_token" in response.cookies


async def test_logout_ends_the_session_and_clears_the_cookies(client: Client) -> None:
    _, login = await signed_up(client)
    response = await client.post("/api/v1/auth/logout", json={}, headers=bearer(login))
    assert response.status == 204
    for name in ("revenge_access_token", "revenge_refresh_token", "revenge_csrf"):
        assert response.cookies[name].value == ""
    assert (await client.get("/api/v1/sessions", headers=bearer(login))).status == 401


async def test_the_login_cookies_have_the_promised_attributes(client: Client) -> None:
    name = f"u{secrets.token_hex(5)}"
    body = {"username": name, "email": f"{name}@example.com", "password": PASSWORD}
    await client.post("/api/v1/auth/register", json=body)
    response = await client.post(
        "/api/v1/auth/login", json={"username": name, "password": PASSWORD}
    )
    access, refresh = (
        response.cookies["revenge_access_token"],
        response.cookies["revenge_refresh_token"],
    )
    assert access["httponly"]
    assert access["samesite"] == "Lax"
    assert refresh["path"] == "/api/v1/auth"
    assert not response.cookies["revenge_csrf"]["httponly"]


async def test_repeated_failures_answer_429_with_retry_after(client: Client) -> None:
    name = f"u{secrets.token_hex(5)}"
    for _ in range(5):
        wrong = {"username": name, "password": "wrong password"}
        assert (await client.post("/api/v1/auth/login", json=wrong)).status == 401
    locked = await client.post("/api/v1/auth/login", json={"username": name, "password": "x"})
    assert locked.status == 429
    assert int(locked.headers["Retry-After"]) > 0


async def made_admin(client: Client, pg_url: str) -> dict[str, str]:
    name, login = await signed_up(client)
    client.session.cookie_jar.clear()
    db = await asyncpg.connect(pg_url)
    try:
        await db.execute(
            "UPDATE shared.user_roles SET role = 'admin' WHERE user_id ="
            " (SELECT id FROM shared.users WHERE username = $1)",
            name,
        )
    finally:
        await db.close()
    return bearer(login)


async def test_the_lockout_counts_by_account_and_an_admin_lifts_it(
    client: Client, pg_url: str
) -> None:
    admin = await made_admin(client, pg_url)
    name, login = await signed_up(client)
    client.session.cookie_jar.clear()
    for spelling in (
        name,
        f"{name.upper()}@EXAMPLE.COM",
        name.upper(),
        f"{name}@example.com",
        name,
    ):
        wrong = {"username": spelling, "password": "wrong password"}
        assert (await client.post("/api/v1/auth/login", json=wrong)).status == 401
    right = {"username": f"{name}@Example.com", "password": PASSWORD}
    locked = await client.post("/api/v1/auth/login", json=right)
    assert locked.status == 429
    assert int(locked.headers["Retry-After"]) > 0
    user_id = login["user"]["id"]
    refused = await client.post(f"/api/v1/admin/users/{user_id}/unlock", headers=bearer(login))
    assert refused.status == 403
    unlocked = await client.post(f"/api/v1/admin/users/{user_id}/unlock", headers=admin)
    assert unlocked.status == 204
    assert (await client.post("/api/v1/auth/login", json=right)).status == 200
    unknown = "/api/v1/admin/users/00000000-0000-4000-8000-000000000000/unlock"
    assert (await client.post(unknown, headers=admin)).status == 404
