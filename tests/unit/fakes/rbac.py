"""In-memory roles, grants and role assignments for the rbac use cases."""

from __future__ import annotations

from uuid import UUID

import attrs

from revenge_domain.errors import Conflict
from revenge_domain.identity.rbac import Role, default_roles
from tests.unit.fakes.activity import KeptActivity
from tests.unit.fakes.identity import FakeSessionRepository, FakeUserStore
from tests.unit.fakes.uow import FakeUnitOfWork


class FakeRoleCatalog:
    def __init__(self, assignments: FakeRoleAssignments) -> None:
        self.roles: dict[str, Role] = {role.name: role for role in default_roles()}
        self._assignments = assignments
        self.grant_reads = 0
        self.broken = False  # True: reading the grants fails, as with the database down

    async def all(self) -> list[Role]:
        return [self._counted(self.roles[name]) for name in sorted(self.roles)]

    async def get(self, name: str) -> Role | None:
        role = self.roles.get(name)
        return self._counted(role) if role else None

    async def add(self, role: Role) -> None:
        if role.name in self.roles:
            raise Conflict("taken", {"role": role.name})
        self.roles[role.name] = role

    async def delete(self, name: str) -> None:
        del self.roles[name]

    async def set_permissions(self, name: str, permissions: frozenset[str]) -> None:
        self.roles[name] = attrs.evolve(self.roles[name], permissions=permissions)

    async def grant(self, name: str, permission: str) -> None:
        role = self.roles[name]
        self.roles[name] = attrs.evolve(role, permissions=role.permissions | {permission})

    async def revoke(self, name: str, permission: str) -> bool:
        role = self.roles[name]
        self.roles[name] = attrs.evolve(role, permissions=role.permissions - {permission})
        return permission in role.permissions

    async def grants(self) -> dict[str, frozenset[str]]:
        self.grant_reads += 1
        if self.broken:
            raise ConnectionError("database unavailable")
        return {name: role.permissions for name, role in self.roles.items() if role.permissions}

    def _counted(self, role: Role) -> Role:
        holders = sum(role.name in held for held in self._assignments.roles.values())
        return attrs.evolve(role, user_count=holders)


class FakeRoleAssignments:
    def __init__(self) -> None:
        self.roles: dict[UUID, set[str]] = {}

    async def roles_of(self, user_id: UUID) -> frozenset[str]:
        return frozenset(self.roles.get(user_id, set()))

    async def assign(self, user_id: UUID, role: str) -> None:
        self.roles.setdefault(user_id, set()).add(role)

    async def remove(self, user_id: UUID, role: str) -> bool:
        held = self.roles.get(user_id, set())
        if role not in held:
            return False
        held.discard(role)
        return True


class FakeRbacUnit(FakeUnitOfWork):
    def __init__(self, store: FakeRbacStore) -> None:
        super().__init__(store.activity)
        self.users = store.users
        self.catalog = store.catalog
        self.assignments = store.assignments
        self.sessions = store.sessions


class FakeRbacStore:
    """Shared by every unit it opens (no rollback of data); starts with the built-in roles."""

    def __init__(self) -> None:
        self.users = FakeUserStore()
        self.assignments = FakeRoleAssignments()
        self.catalog = FakeRoleCatalog(self.assignments)
        self.sessions = FakeSessionRepository()
        self.activity = KeptActivity()

    def __call__(self) -> FakeRbacUnit:
        return FakeRbacUnit(self)
