"""The rbac endpoints through the real app, on real PostgreSQL and Redis."""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import time
import uuid
from collections.abc import AsyncIterator
from functools import partial
from typing import Any

import asyncpg
import pytest

from revenge_adapters.identity.rbac import PgRbacUnit, stored_permission_policy
from revenge_app.config import Config
from revenge_domain.identity.access import DEFAULT_GRANTS
from revenge_domain.identity.rbac import BUILT_IN_ROLES, RoleAdministration
from tests.integration.identity.instances import PASSWORD, Client, bearer
from tests.integration.identity.rbac_server import RbacServer, rbac_server

RBAC = "/api/v1/rbac"


@pytest.fixture
async def server(config: Config) -> AsyncIterator[RbacServer]:
    async with rbac_server(config) as running:
        yield running


@pytest.fixture
async def admin(server: RbacServer, pg_url: str) -> dict[str, str]:
    user_id, headers = await member(server.client)
    connection = await asyncpg.connect(pg_url)
    try:
        await connection.execute(
            "INSERT INTO shared.user_roles (user_id, role) VALUES ($1, 'admin')"
            " ON CONFLICT DO NOTHING",
            user_id,
        )
    finally:
        await connection.close()
    return headers


async def member(client: Client) -> tuple[uuid.UUID, dict[str, str]]:
    """A fresh signed-up account (role `user`, unless it is the first of the database)."""
    name = f"r{secrets.token_hex(5)}"
    body = {"username": name, "email": f"{name}@example.com", "password": PASSWORD}
    registered = await client.post("/api/v1/auth/register", json=body)
    assert registered.status == 201
    login = await client.post("/api/v1/auth/login", json={"username": name, "password": PASSWORD})
    client.session.cookie_jar.clear()
    return uuid.UUID((await registered.json())["id"]), bearer(await login.json())


def a_role_name() -> str:
    return f"role-{secrets.token_hex(4)}"


def permission_set(view: dict[str, Any]) -> set[str]:
    return {f"{p['resource']}:{p['action']}" for p in view["permissions"]}


async def test_the_built_in_roles_are_seeded_with_the_default_grants(
    server: RbacServer, admin: dict[str, str]
) -> None:
    listed = await server.client.get(f"{RBAC}/roles", headers=admin)
    assert listed.status == 200
    roles = {role["name"]: role for role in (await listed.json())["roles"]}
    for name in BUILT_IN_ROLES:
        assert roles[name]["is_built_in"] is True
        assert permission_set(roles[name]) == DEFAULT_GRANTS[name]
    assert roles["admin"]["user_count"] >= 1


async def test_the_permission_list_is_the_vocabulary(
    server: RbacServer, admin: dict[str, str]
) -> None:
    answer = await (await server.client.get(f"{RBAC}/permissions", headers=admin)).json()
    assert answer["total"] == len(answer["permissions"]) == 43
    assert {"resource": "admin", "action": "*"} in answer["permissions"]


async def test_a_custom_role_from_creation_to_deletion(
    server: RbacServer, admin: dict[str, str]
) -> None:
    client, name = server.client, a_role_name()
    body = {"name": name, "description": "Edits", "permissions": [_p("movies:update")]}
    created = await client.post(f"{RBAC}/roles", json=body, headers=admin)
    assert created.status == 201
    assert (await created.json())["is_built_in"] is False
    assert (await client.post(f"{RBAC}/roles", json=body, headers=admin)).status == 409
    bad = await client.post(f"{RBAC}/roles", json={"name": "Has Space"}, headers=admin)
    assert bad.status == 400
    put = await client.put(
        f"{RBAC}/roles/{name}/permissions", json={"permissions": [_p("movies:get")]}, headers=admin
    )
    assert permission_set(await put.json()) == {"movies:get"}
    user_id, _ = await member(client)
    assigned = await client.post(
        f"{RBAC}/users/{user_id}/roles", json={"role": name}, headers=admin
    )
    assert assigned.status == 201
    assert sorted((await assigned.json())["roles"]) == sorted([name, "user"])
    assert (await client.get(f"{RBAC}/roles/{name}", headers=admin)).status == 200
    assert (await client.delete(f"{RBAC}/roles/{name}", headers=admin)).status == 409
    removed = await client.delete(f"{RBAC}/users/{user_id}/roles/{name}", headers=admin)
    assert removed.status == 204
    assert (await client.delete(f"{RBAC}/roles/{name}", headers=admin)).status == 204
    assert (await client.get(f"{RBAC}/roles/{name}", headers=admin)).status == 404
    assert (await client.delete(f"{RBAC}/roles/guest", headers=admin)).status == 400


async def test_policies_are_listed_added_and_removed(
    server: RbacServer, admin: dict[str, str]
) -> None:
    client, name = server.client, a_role_name()
    await client.post(f"{RBAC}/roles", json={"name": name}, headers=admin)
    policy = {"subject": name, "object": "audit", "action": "read"}
    added = await client.post(f"{RBAC}/policies", json=policy, headers=admin)
    assert added.status == 201
    assert await added.json() == policy
    listed = await (await client.get(f"{RBAC}/policies", headers=admin)).json()
    assert policy in listed["policies"]
    unknown = {**policy, "action": "fly"}
    assert (await client.post(f"{RBAC}/policies", json=unknown, headers=admin)).status == 400
    assert (await client.delete(f"{RBAC}/policies", json=policy, headers=admin)).status == 204
    assert (await client.delete(f"{RBAC}/policies", json=policy, headers=admin)).status == 404


async def test_users_read_their_own_roles_and_only_admins_change_roles(
    server: RbacServer,
) -> None:
    client = server.client
    alice, alice_headers = await member(client)
    bob, _ = await member(client)
    own = await client.get(f"{RBAC}/users/{alice}/roles", headers=alice_headers)
    assert await own.json() == {"roles": ["user"], "total": 1}
    assert (await client.get(f"{RBAC}/users/{bob}/roles", headers=alice_headers)).status == 403
    grant = await client.post(
        f"{RBAC}/users/{alice}/roles", json={"role": "moderator"}, headers=alice_headers
    )
    assert grant.status == 403


async def test_a_new_grant_and_assignment_apply_to_the_next_request(
    server: RbacServer, admin: dict[str, str]
) -> None:
    client, name = server.client, a_role_name()
    alice, alice_headers = await member(client)
    bob, _ = await member(client)
    others = f"{RBAC}/users/{bob}/roles"
    assert (await client.get(others, headers=alice_headers)).status == 403
    await client.post(f"{RBAC}/roles", json={"name": name}, headers=admin)
    await client.post(f"{RBAC}/users/{alice}/roles", json={"role": name}, headers=admin)
    assert (await client.get(others, headers=alice_headers)).status == 403
    policy = {"subject": name, "object": "users", "action": "get"}
    await client.post(f"{RBAC}/policies", json=policy, headers=admin)
    assert (await client.get(others, headers=alice_headers)).status == 200
    await client.delete(f"{RBAC}/users/{alice}/roles/{name}", headers=admin)
    assert (await client.get(others, headers=alice_headers)).status == 403


async def test_another_instance_sees_changed_grants_on_its_next_refresh(
    server: RbacServer,
) -> None:
    name = a_role_name()
    resource = contextlib.asynccontextmanager(stored_permission_policy)
    async with resource(server.session_factory, server.cache, 0.05) as elsewhere:
        units = partial(PgRbacUnit, server.session_factory)
        here = RoleAdministration(units, server.policy)
        await here.create_role(name, permissions=["audit:export"])
        deadline = time.monotonic() + 5
        while elsewhere.permissions_of([name]) != {"audit:export"}:
            assert time.monotonic() < deadline, "the other instance never saw the new role"
            await asyncio.sleep(0.02)


async def test_a_grant_revoked_on_one_instance_is_refused_on_the_other_at_once(
    server: RbacServer, admin: dict[str, str], config: Config
) -> None:
    client, name = server.client, a_role_name()
    alice, alice_headers = await member(client)
    bob, _ = await member(client)
    others = f"{RBAC}/users/{bob}/roles"
    policy = {"subject": name, "object": "users", "action": "get"}
    # No polling on the other instance within the test: only the change events can tell it.
    async with rbac_server(config, 3600) as other:
        await client.post(f"{RBAC}/roles", json={"name": name}, headers=admin)
        await client.post(f"{RBAC}/users/{alice}/roles", json={"role": name}, headers=admin)
        assert (await client.post(f"{RBAC}/policies", json=policy, headers=admin)).status == 201
        assert (await other.client.get(others, headers=alice_headers)).status == 200

        removed = await client.delete(f"{RBAC}/policies", json=policy, headers=admin)
        assert removed.status == 204
        assert (await other.client.get(others, headers=alice_headers)).status == 403


def _p(permission: str) -> dict[str, str]:
    resource, _, action = permission.partition(":")
    return {"resource": resource, "action": action}
