"""Every route of the API, called with no credentials and as each built-in role.

No credentials: 401 on every route that is not public. A role without the route's declared
permission: 403. A role holding it: anything but 401/403 (400 or 404 for the dummy input is
expected). Routes added later are covered without touching this test.
"""

from __future__ import annotations

import re
import secrets
import uuid
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import pytest

from revenge_app.config import Config
from revenge_app.http import bundled_document
from revenge_app.http.app import BUILT_IN
from revenge_app.http.routes import PUBLIC, Route, bound_routes
from revenge_domain.identity import ADMIN, GUEST, MODERATOR, USER, AuthMethod, Principal
from revenge_domain.identity.access import DEFAULT_GRANTS
from tests.integration.identity.instances import PASSWORD, Client, bearer
from tests.integration.identity.rbac_server import RbacServer, rbac_server

ROLES = (ADMIN, MODERATOR, USER, GUEST)
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
PATH_PARAM = re.compile(r"\{(\w+)\}")


def holds(role: str, route: Route) -> bool:
    """What the built-in grants (the seeded ones) say this role may do."""
    permissions = DEFAULT_GRANTS[role]
    caller = Principal(uuid.uuid4(), "x", frozenset({role}), permissions, None, AuthMethod.BEARER)
    return route.permission is PUBLIC or caller.can(route.permission)


def path_of(route: Route, own_id: uuid.UUID | None) -> str:
    """The path with plausible values: the caller's own id for user ids it only reads (so
    ownership checks pass), random ids elsewhere (so nothing real is changed)."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "userId" and own_id is not None and route.method not in UNSAFE:
            return str(own_id)
        if name.lower().endswith("id"):
            return str(uuid.uuid4())
        return f"matrix-{secrets.token_hex(3)}"

    return PATH_PARAM.sub(value, route.path)


async def call(client: Client, route: Route, headers: dict[str, str], own: uuid.UUID | None) -> int:
    body: dict[str, Any] | None = {} if route.method in UNSAFE else None
    response = await client.request(route.method, path_of(route, own), json=body, headers=headers)
    return response.status


class Caller:
    """A user holding exactly one role, signed in again whenever a call ended its session."""

    def __init__(self, client: Client, name: str, user_id: uuid.UUID) -> None:
        self.client, self.name, self.user_id = client, name, user_id
        self.headers: dict[str, str] = {}

    async def sign_in(self) -> None:
        body = {"username": self.name, "password": PASSWORD}
        login = await self.client.post("/api/v1/auth/login", json=body)
        assert login.status == 200, await login.text()
        self.client.session.cookie_jar.clear()
        self.headers = bearer(await login.json())

    async def ensure_signed_in(self) -> None:
        current = await self.client.get("/api/v1/sessions/current", headers=self.headers)
        if current.status == 401:
            await self.sign_in()


@pytest.fixture
async def server(config: Config) -> AsyncIterator[RbacServer]:
    async with rbac_server(config) as running:
        yield running


def routes_of(server: RbacServer) -> list[Route]:
    """Every route the app serves."""
    return bound_routes(bundled_document(), (*BUILT_IN, *server.features.operations))


async def with_role(client: Client, pg_url: str, role: str) -> Caller:
    name = f"m{secrets.token_hex(5)}"
    body = {"username": name, "email": f"{name}@example.com", "password": PASSWORD}
    registered = await client.post("/api/v1/auth/register", json=body)
    assert registered.status == 201
    user_id = uuid.UUID((await registered.json())["id"])
    connection = await asyncpg.connect(pg_url)
    try:
        # Exactly this role, whatever registration gave (the very first account is an admin).
        await connection.execute("UPDATE shared.users SET is_admin = false WHERE id = $1", user_id)
        await connection.execute("DELETE FROM shared.user_roles WHERE user_id = $1", user_id)
        await connection.execute(
            "INSERT INTO shared.user_roles (user_id, role) VALUES ($1, $2)", user_id, role
        )
    finally:
        await connection.close()
    caller = Caller(client, name, user_id)
    await caller.sign_in()
    return caller


async def test_without_credentials_every_guarded_route_answers_401(server: RbacServer) -> None:
    client = server.client
    wrong = []
    for route in routes_of(server):
        if route.permission is not PUBLIC:
            status = await call(client, route, {}, None)
            if status != 401:
                wrong.append(f"{route.method} {route.path}: {status}")
    assert not wrong


@pytest.mark.parametrize("role", ROLES)
async def test_each_role_gets_exactly_what_its_grants_allow(
    server: RbacServer, pg_url: str, role: str
) -> None:
    client = server.client
    caller = await with_role(client, pg_url, role)
    wrong = []
    for route in routes_of(server):
        if route.permission is PUBLIC:
            continue
        status = await call(client, route, caller.headers, caller.user_id)
        allowed = holds(role, route)
        if (allowed and status in (401, 403)) or (not allowed and status != 403):
            wrong.append(f"{route.method} {route.path} ({route.permission}): {status}")
        if route.method in UNSAFE:
            await caller.ensure_signed_in()
    assert not wrong
