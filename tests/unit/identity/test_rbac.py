"""Stored roles and grants: validation, protection of built-in roles, and the cached policy."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from revenge_app.http import bundled_document
from revenge_app.http.routes import PUBLIC, bound_routes
from revenge_domain.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from revenge_domain.identity import AuthMethod, Principal, Session, User
from revenge_domain.identity.access import DEFAULT_GRANTS
from revenge_domain.identity.credential_cache import CredentialCache, session_key
from revenge_domain.identity.rbac import (
    GRANTS_KEY,
    PERMISSIONS,
    RoleAdministration,
    StoredPermissionPolicy,
)
from tests.unit.fakes.cache import InMemoryCache
from tests.unit.fakes.rbac import FakeRbacStore
from tests.unit.whole_app import api_operations

NOW = datetime(2026, 1, 1, tzinfo=UTC)


async def test_every_route_needs_a_known_permission_or_none() -> None:
    routes = bound_routes(bundled_document(), api_operations())
    unknown = {
        f"{route.method} {route.path}: {route.permission}"
        for route in routes
        if route.permission is not PUBLIC and route.permission not in PERMISSIONS
    }
    assert not unknown


def test_the_vocabulary_holds_the_named_permissions_and_the_admin_grant() -> None:
    assert len(PERMISSIONS) == len(set(PERMISSIONS)) == 43  # 42 named, plus admin:*
    assert "admin:*" in PERMISSIONS
    assert set().union(*DEFAULT_GRANTS.values()) <= set(PERMISSIONS)


class World:
    def __init__(self) -> None:
        self.store = FakeRbacStore()
        self.cache = InMemoryCache()
        self.policy = StoredPermissionPolicy(self.store, self.cache)
        self.credentials = CredentialCache(self.cache)
        self.rbac = RoleAdministration(self.store, self.policy, self.credentials, lambda: NOW)

    def user(self, *roles: str) -> User:
        user = User(uuid.uuid4(), f"u{uuid.uuid4().hex[:6]}", "a@b.c", "x", NOW, NOW)
        self.store.users.users[user.id] = user
        self.store.assignments.roles[user.id] = set(roles)
        return user

    def principal(self, user: User, *permissions: str) -> Principal:
        return Principal(
            user.id, user.username, frozenset(), frozenset(permissions), None, AuthMethod.BEARER
        )


@pytest.mark.parametrize("name", ["", "Editor", "has space", "9lives", "x" * 65, "tab\t"])
async def test_a_badly_named_role_is_refused(name: str) -> None:
    with pytest.raises(InvalidInput):
        await World().rbac.create_role(name)


async def test_a_role_with_an_unknown_permission_is_refused() -> None:
    with pytest.raises(InvalidInput) as raised:
        await World().rbac.create_role("editor", permissions=["movies:list", "movies:fly"])
    assert "movies:fly" in raised.value.message


async def test_a_new_role_grants_its_permissions_through_the_policy_at_once() -> None:
    world = World()
    await world.policy.refresh()
    assert world.policy.permissions_of(["editor"]) == frozenset()
    await world.rbac.create_role("editor", "Edits", ["movies:update", "movies:get"])
    assert world.policy.permissions_of(["editor"]) == {"movies:update", "movies:get"}
    with pytest.raises(Conflict):
        await world.rbac.create_role("editor")


async def test_built_in_and_held_roles_cannot_be_deleted() -> None:
    world = World()
    with pytest.raises(InvalidInput):
        await world.rbac.delete_role("guest")
    await world.rbac.create_role("editor")
    holder = world.user("editor")
    with pytest.raises(Conflict):
        await world.rbac.delete_role("editor")
    await world.rbac.unassign(holder.id, "editor")
    await world.rbac.delete_role("editor")
    with pytest.raises(NotFound):
        await world.rbac.get_role("editor")


async def test_the_admin_role_keeps_everything() -> None:
    world = World()
    with pytest.raises(InvalidInput):
        await world.rbac.set_permissions("admin", [])
    with pytest.raises(InvalidInput):
        await world.rbac.remove_policy("admin", "admin:*")


async def test_changing_grants_reaches_the_policy() -> None:
    world = World()
    role = await world.rbac.set_permissions("guest", ["movies:list"])
    assert role.permissions == {"movies:list"}
    assert world.policy.permissions_of(["guest"]) == {"movies:list"}
    await world.rbac.add_policy("guest", "movies:get")
    assert world.policy.permissions_of(["guest"]) == {"movies:list", "movies:get"}
    await world.rbac.remove_policy("guest", "movies:list")
    assert world.policy.permissions_of(["guest"]) == {"movies:get"}
    assert ("guest", "movies:get") in await world.rbac.policies()


async def test_policies_name_existing_roles_and_grants() -> None:
    world = World()
    with pytest.raises(InvalidInput):
        await world.rbac.add_policy("pirate", "movies:get")
    with pytest.raises(InvalidInput):
        await world.rbac.add_policy("guest", "movies:fly")
    with pytest.raises(NotFound):
        await world.rbac.remove_policy("guest", "users:delete")


async def test_the_policy_reads_the_grants_once_until_forgotten() -> None:
    world = World()
    await world.policy.refresh()
    await world.policy.refresh()
    assert world.store.catalog.grant_reads == 1
    assert await world.cache.get(GRANTS_KEY) is not None
    await world.policy.forget()
    assert world.store.catalog.grant_reads == 2


async def eventually(check: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 2
    while not check():
        assert time.monotonic() < deadline, "the condition never became true"
        await asyncio.sleep(0.001)


async def test_refreshing_in_the_background_survives_a_failing_database() -> None:
    store = FakeRbacStore()
    policy = StoredPermissionPolicy(store)
    await RoleAdministration(store, policy).create_role("editor", permissions=["movies:get"])
    store.catalog.broken = True
    task = asyncio.create_task(policy.keep_fresh(0.001))
    try:
        await eventually(lambda: store.catalog.grant_reads >= 4)
        assert policy.permissions_of(["editor"]) == {"movies:get"}
        store.catalog.broken = False
        await store.catalog.set_permissions("editor", frozenset({"movies:list"}))
        await eventually(lambda: policy.permissions_of(["editor"]) == {"movies:list"})
        assert not task.done()
    finally:
        task.cancel()


async def test_a_user_may_read_their_own_roles_but_not_others_without_users_get() -> None:
    world = World()
    alice, bob = world.user("user"), world.user("guest")
    assert await world.rbac.roles_of(world.principal(alice), alice.id) == ["user"]
    with pytest.raises(PermissionDenied):
        await world.rbac.roles_of(world.principal(alice), bob.id)
    assert await world.rbac.roles_of(world.principal(alice, "users:get"), bob.id) == ["guest"]
    with pytest.raises(NotFound):
        await world.rbac.roles_of(world.principal(alice, "users:get"), uuid.uuid4())


async def test_assigning_needs_a_real_user_and_role() -> None:
    world = World()
    alice = world.user()
    with pytest.raises(NotFound):
        await world.rbac.assign(uuid.uuid4(), "user")
    with pytest.raises(InvalidInput):
        await world.rbac.assign(alice.id, "pirate")
    assert await world.rbac.assign(alice.id, "moderator") == ["moderator"]
    with pytest.raises(NotFound):
        await world.rbac.unassign(alice.id, "guest")


async def test_a_role_change_drops_the_users_cached_sessions() -> None:
    world = World()
    alice = world.user("user")
    session = Session(uuid.uuid4(), alice.id, NOW, NOW, NOW + timedelta(days=1))
    await world.store.sessions.add(session)
    await world.cache.set(session_key(session.id), {"roles": ["user"]}, 30)
    await world.rbac.assign(alice.id, "moderator")
    assert await world.cache.get(session_key(session.id)) is None
