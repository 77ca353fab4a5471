from __future__ import annotations

import uuid

from revenge_domain.identity import AuthMethod, DefaultPermissionPolicy, Principal


def principal_with(*roles: str) -> Principal:
    return Principal(
        user_id=uuid.uuid4(),
        username="someone",
        roles=frozenset(roles),
        permissions=DefaultPermissionPolicy().permissions_of(roles),
        session_id=None,
        method=AuthMethod.BEARER,
    )


def test_admin_may_do_everything() -> None:
    assert principal_with("admin").can("integrations:sync")


def test_roles_grant_what_the_table_lists() -> None:
    guest, user, moderator = (
        principal_with("guest"),
        principal_with("user"),
        principal_with("moderator"),
    )
    assert guest.can("movies:list")
    assert not guest.can("profile:update")
    assert user.can("profile:update")
    assert not user.can("users:list")
    assert moderator.can("users:list")
    assert not moderator.can("users:delete")


def test_unknown_roles_and_no_roles_grant_nothing() -> None:
    assert not principal_with().can("profile:read")
    assert not principal_with("pirate").can("profile:read")


def test_a_resource_wildcard_covers_its_actions() -> None:
    principal = Principal(
        uuid.uuid4(), "x", frozenset(), frozenset({"movies:*"}), None, AuthMethod.COOKIE
    )
    assert principal.can("movies:delete")
    assert not principal.can("users:get")
