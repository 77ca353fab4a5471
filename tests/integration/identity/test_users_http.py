"""Account upkeep through the real HTTP app on PostgreSQL: email flows, profiles, avatars,
and the admin's user list."""

from __future__ import annotations

import asyncio
import io
import secrets
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import asyncpg
import pytest
from dependency_injector import providers
from PIL import Image

from revenge_app.config import Config
from revenge_app.container import Container
from tests.integration.app_server import app_server
from tests.integration.support import PASSWORD, Client
from tests.unit.fakes.accounts import InMemoryEmailSender


@pytest.fixture
def mail() -> InMemoryEmailSender:
    return InMemoryEmailSender()


@pytest.fixture
async def client(config: Config, mail: InMemoryEmailSender) -> AsyncIterator[Client]:
    def mailing(container: Container) -> None:
        container.core.email_sender.override(providers.Object(mail))

    async with app_server(config, mailing) as server:
        yield server.client


async def sign_up(client: Client, name: str | None = None) -> tuple[str, dict[str, str]]:
    """A fresh account, signed in; its email and bearer header."""
    name = name or f"u{secrets.token_hex(5)}"
    email = f"{name}@example.com"
    body = {"username": name, "email": email, "password": PASSWORD}
    assert (await client.post("/api/v1/auth/register", json=body)).status == 201
    login = await client.post("/api/v1/auth/login", json={"username": name, "password": PASSWORD})
    assert login.status == 200
    client.session.cookie_jar.clear()
    return email, {"Authorization": f"Bearer {(await login.json())['access_token']}"}


async def make_admin(pg_url: str, email: str) -> None:
    db = await asyncpg.connect(pg_url)
    try:
        await db.execute(
            "INSERT INTO shared.user_roles (user_id, role)"
            " SELECT id, 'admin' FROM shared.users WHERE email = $1 ON CONFLICT DO NOTHING",
            email,
        )
    finally:
        await db.close()


def png(width: int = 40, height: int = 30) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def upload(content: bytes, content_type: str = "image/png") -> aiohttp.FormData:
    form = aiohttp.FormData()
    form.add_field("file", content, filename="me.png", content_type=content_type)
    return form


async def test_registration_sends_a_link_that_verifies_once(
    client: Client, mail: InMemoryEmailSender
) -> None:
    email, auth = await sign_up(client)
    token = mail.last_token_to(email)
    assert (await (await client.get("/api/v1/users/me", headers=auth)).json())[
        "email_verified"
    ] is False
    assert (await client.post("/api/v1/auth/verify-email", json={"token": token})).status == 204
    assert (await (await client.get("/api/v1/users/me", headers=auth)).json())["email_verified"]
    again = await client.post("/api/v1/auth/verify-email", json={"token": token})
    assert again.status == 400
    assert (await again.json())["details"]["field"] == "token"


async def test_resend_verification_sends_a_new_link(
    client: Client, mail: InMemoryEmailSender
) -> None:
    email, auth = await sign_up(client)
    first = mail.last_token_to(email)
    assert (await client.post("/api/v1/auth/resend-verification", headers=auth)).status == 204
    assert mail.last_token_to(email) != first


async def reset_token(client: Client, mail: InMemoryEmailSender, email: str) -> str:
    """Asks for a password reset of `email` and returns the token of the email that follows."""
    sent_before = len(mail.sent)
    forgot = await client.post("/api/v1/auth/forgot-password", json={"email": email})
    assert forgot.status == 204
    for _ in range(500):  # the email is sent after the answer
        if len(mail.sent) > sent_before:
            break
        await asyncio.sleep(0.01)
    return mail.last_token_to(email)


async def test_forgot_and_reset_password(client: Client, mail: InMemoryEmailSender) -> None:
    email, auth = await sign_up(client)
    unknown = await client.post(
        "/api/v1/auth/forgot-password", json={"email": "nobody-here@example.com"}
    )
    assert unknown.status == 204
    token = await reset_token(client, mail, email)
    body = {"token": token, "new_password": "a whole new password"}
    assert (await client.post("/api/v1/auth/reset-password", json=body)).status == 204
    assert (await client.get("/api/v1/users/me", headers=auth)).status == 401
    assert (await client.post("/api/v1/auth/reset-password", json=body)).status == 400
    name = email.partition("@")[0]
    login = {"username": name, "password": "a whole new password"}
    assert (await client.post("/api/v1/auth/login", json=login)).status == 200


async def test_profile_update(client: Client, mail: InMemoryEmailSender) -> None:
    email, auth = await sign_up(client)
    await client.post("/api/v1/auth/verify-email", json={"token": mail.last_token_to(email)})
    new_email = f"n{secrets.token_hex(4)}@example.com"
    changes = {"display_name": "Ada L.", "timezone": "Europe/Berlin", "email": new_email}
    response = await client.put("/api/v1/users/me", json=changes, headers=auth)
    body = await response.json()
    assert response.status == 200
    assert (body["display_name"], body["timezone"], body["email"]) == (
        "Ada L.",
        "Europe/Berlin",
        new_email,
    )
    assert body["email_verified"] is False
    assert mail.sent[-1].to == new_email
    bad = await client.put("/api/v1/users/me", json={"timezone": "Mars/Olympus"}, headers=auth)
    assert bad.status == 400
    assert (await bad.json())["details"]["field"] == "timezone"


async def test_preferences_start_at_the_defaults_and_merge_changes(client: Client) -> None:
    _, auth = await sign_up(client)
    first = await (await client.get("/api/v1/users/me/preferences", headers=auth)).json()
    assert (first["theme"], first["profile_visibility"]) == ("system", "private")
    changes = {"theme": "dark", "email_notifications": {"frequency": "daily"}}
    response = await client.put("/api/v1/users/me/preferences", json=changes, headers=auth)
    assert response.status == 200
    stored = await (await client.get("/api/v1/users/me/preferences", headers=auth)).json()
    assert stored["theme"] == "dark"
    assert stored["email_notifications"] == {"enabled": True, "frequency": "daily"}
    bad = await client.put("/api/v1/users/me/preferences", json={"theme": "neon"}, headers=auth)
    assert bad.status == 400


async def test_a_private_profile_is_hidden_from_others_and_a_public_one_shown(
    client: Client,
) -> None:
    _, owner = await sign_up(client)
    _, other = await sign_up(client)
    me = await (await client.get("/api/v1/users/me", headers=owner)).json()
    path = f"/api/v1/users/{me['id']}"
    assert (await client.get(path, headers=owner)).status == 200
    assert (await client.get(path, headers=other)).status == 404
    public = {"profile_visibility": "public"}
    await client.put("/api/v1/users/me/preferences", json=public, headers=owner)
    assert (await client.get(path, headers=other)).status == 200


async def test_an_avatar_is_re_encoded_stored_and_served(client: Client, config: Config) -> None:
    _, auth = await sign_up(client)
    response = await client.post("/api/v1/users/me/avatar", data=upload(png()), headers=auth)
    avatar = await response.json()
    assert response.status == 200
    assert (avatar["mime_type"], avatar["width"], avatar["height"]) == ("image/png", 40, 30)
    stored = list((config.data_dir / "avatars").rglob("*.png"))
    assert len(stored) == 1
    me = await (await client.get("/api/v1/users/me", headers=auth)).json()
    assert me["avatar_url"].endswith(f"/api/v1/users/{me['id']}/avatar?v=1")
    served = await client.get(f"/api/v1/users/{me['id']}/avatar", headers=auth)
    assert served.status == 200
    assert served.content_type == "image/png"
    assert Image.open(io.BytesIO(await served.read())).size == (40, 30)


async def test_an_upload_that_is_not_an_image_is_refused(client: Client) -> None:
    _, auth = await sign_up(client)
    fake = upload(b"GIF89a but really just text" * 10)
    response = await client.post("/api/v1/users/me/avatar", data=fake, headers=auth)
    assert response.status == 400
    assert (await response.json())["details"]["field"] == "file"
    gif = io.BytesIO()
    Image.new("RGB", (8, 8)).save(gif, format="GIF")
    response = await client.post(
        "/api/v1/users/me/avatar", data=upload(gif.getvalue(), "image/gif"), headers=auth
    )
    assert response.status == 400


async def test_an_oversized_avatar_is_refused_with_413(client: Client) -> None:
    _, auth = await sign_up(client)
    big = png() + secrets.token_bytes(2 * 1024 * 1024)
    response = await client.post("/api/v1/users/me/avatar", data=upload(big), headers=auth)
    assert response.status == 413
    assert (await response.json())["error"] == "payload_too_large"


async def test_admin_lists_searches_pages_and_deletes(client: Client, pg_url: str) -> None:
    admin_email, admin = await sign_up(client)
    await make_admin(pg_url, admin_email)
    tag = secrets.token_hex(3)
    for i in range(3):
        await sign_up(client, f"m{tag}{i}")
    listed = await client.get(f"/api/v1/admin/users?query=M{tag}&limit=2", headers=admin)
    body: dict[str, Any] = await listed.json()
    assert listed.status == 200
    assert body["total"] == 3
    assert len(body["users"]) == 2
    rest = await client.get(f"/api/v1/admin/users?query=m{tag}&limit=2&offset=2", headers=admin)
    rest_body = await rest.json()
    assert [u["username"] for u in rest_body["users"]] == [f"m{tag}0"]
    admins = await client.get(
        f"/api/v1/admin/users?query={admin_email}&is_admin=true", headers=admin
    )
    assert (await admins.json())["total"] == 1
    victim = rest_body["users"][0]["id"]
    assert (await client.delete(f"/api/v1/admin/users/{victim}", headers=admin)).status == 204
    assert (await client.delete(f"/api/v1/admin/users/{victim}", headers=admin)).status == 404
    after = await client.get(f"/api/v1/admin/users?query=m{tag}", headers=admin)
    assert (await after.json())["total"] == 2


async def test_a_plain_user_may_not_list_or_delete_users(client: Client) -> None:
    _, auth = await sign_up(client)
    assert (await client.get("/api/v1/admin/users", headers=auth)).status == 403
    me = await (await client.get("/api/v1/users/me", headers=auth)).json()
    deleted = await client.delete(f"/api/v1/admin/users/{me['id']}", headers=auth)
    assert deleted.status == 403


async def test_common_passwords_are_refused_on_register_change_and_reset(
    client: Client, mail: InMemoryEmailSender
) -> None:
    name = f"c{secrets.token_hex(4)}"
    weak = {"username": name, "email": f"{name}@example.com", "password": "Password1"}
    refused = await client.post("/api/v1/auth/register", json=weak)
    assert refused.status == 400
    assert (await refused.json())["details"]["field"] == "password"

    email, auth = await sign_up(client)
    change = {"old_password": PASSWORD, "new_password": "qwertyuiop"}
    changed = await client.post("/api/v1/auth/change-password", json=change, headers=auth)
    assert changed.status == 400
    assert "common" in (await changed.json())["message"]

    reset = {"token": await reset_token(client, mail, email), "new_password": "iloveyou"}
    assert (await client.post("/api/v1/auth/reset-password", json=reset)).status == 400
    reset["new_password"] = "a whole new password"
    assert (await client.post("/api/v1/auth/reset-password", json=reset)).status == 204
