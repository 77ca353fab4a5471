"""A change of role grants reaches every instance as it is committed, not at the next poll."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import attrs
import pytest

from revenge_domain.identity.rbac import GRANTS_CATEGORY, RoleAdministration, StoredPermissionPolicy
from tests.unit.fakes.cache import InMemoryCache
from tests.unit.fakes.events import InMemoryEventBus
from tests.unit.fakes.rbac import FakeRbacStore


@attrs.define
class Instance:
    policy: StoredPermissionPolicy
    rbac: RoleAdministration
    following: asyncio.Task[None]


@pytest.fixture
async def two_instances() -> AsyncIterator[tuple[Instance, Instance, FakeRbacStore]]:
    """Two servers on one database and one bus, each with a cache of its own."""
    store, bus = FakeRbacStore(), InMemoryEventBus()
    instances = []
    for _ in range(2):
        policy = StoredPermissionPolicy(store, InMemoryCache(), events=bus)
        await policy.refresh()
        following = asyncio.create_task(policy.follow(bus.subscribe(GRANTS_CATEGORY)))
        instances.append(Instance(policy, RoleAdministration(store, policy), following))
    yield instances[0], instances[1], store
    bus.close()
    await asyncio.gather(*(instance.following for instance in instances))


async def settled() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


async def test_a_revoked_permission_is_gone_on_the_other_instance_at_once(
    two_instances: tuple[Instance, Instance, FakeRbacStore],
) -> None:
    a, b, _ = two_instances
    await a.rbac.create_role("editor", permissions=["movies:get", "movies:list"])
    await settled()
    assert b.policy.permissions_of(["editor"]) == {"movies:get", "movies:list"}

    await a.rbac.remove_policy("editor", "movies:list")
    await asyncio.sleep(0)  # the event is delivered; nothing else has run on B yet

    assert b.policy.permissions_of(["editor"]) == {"movies:get"}


async def test_after_missed_events_the_grants_are_read_again(
    two_instances: tuple[Instance, Instance, FakeRbacStore],
) -> None:
    _, b, store = two_instances
    await store.catalog.set_permissions("guest", frozenset({"movies:get"}))  # behind B's back
    bus = b.policy.events
    assert isinstance(bus, InMemoryEventBus)

    bus.lose_events()
    await settled()

    assert b.policy.permissions_of(["guest"]) == {"movies:get"}
