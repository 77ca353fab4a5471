"""Role changes are account changes: they reach the catalogue followers (the users collection
shows who is an admin)."""

from __future__ import annotations

import attrs
import pytest

from revenge_domain.errors import InvalidInput
from revenge_domain.ports.catalog_changes import Entity
from tests.unit.fakes.catalog_changes import RecordedChanges
from tests.unit.identity.test_rbac import World


async def test_assigning_and_taking_back_a_role_reports_the_user() -> None:
    world, changes = World(), RecordedChanges()
    world.rbac = attrs.evolve(world.rbac, changes=changes)
    alice = world.user()

    await world.rbac.assign(alice.id, "admin")
    await world.rbac.unassign(alice.id, "admin")

    assert changes.reports == [
        ("changed", Entity.USER, [alice.id]),
        ("changed", Entity.USER, [alice.id]),
    ]


async def test_a_refused_assignment_reports_nothing() -> None:
    world, changes = World(), RecordedChanges()
    world.rbac = attrs.evolve(world.rbac, changes=changes)
    alice = world.user()

    with pytest.raises(InvalidInput):
        await world.rbac.assign(alice.id, "pirate")

    assert changes.reports == []
