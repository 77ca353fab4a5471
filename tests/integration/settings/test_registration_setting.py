"""Registration after the first account follows the server setting an admin controls."""

from __future__ import annotations

import secrets

from tests.integration.app_server import Server, signed_up
from tests.integration.support import PASSWORD

SETTING = "/api/v1/settings/server/features.registration_enabled"


async def register(server: Server) -> int:
    name = f"u{secrets.token_hex(5)}"
    body = {"username": name, "email": f"{name}@example.com", "password": PASSWORD}
    return (await server.client.post("/api/v1/auth/register", json=body)).status


async def test_an_admin_turning_registration_off_makes_the_next_sign_up_answer_403(
    server: Server,
) -> None:
    client, admin = server.client, await signed_up(server, admin=True)
    assert await register(server) == 201
    off = await client.put(SETTING, json={"value": False}, headers=admin.headers)
    assert off.status == 200
    try:
        refused = await client.post(
            "/api/v1/auth/register",
            json={"username": "latecomer", "email": "late@example.com", "password": PASSWORD},
        )
        assert refused.status == 403
        assert "registration" in (await refused.json())["message"]
    finally:
        await client.put(SETTING, json={"value": True}, headers=admin.headers)
    assert await register(server) == 201
