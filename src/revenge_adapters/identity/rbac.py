"""Roles, their permissions and role assignments on PostgreSQL."""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import AsyncIterator
from functools import partial
from uuid import UUID

from sqlalchemy import Boolean, Column, ForeignKey, String, Table, delete, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.activity import PgActivityEntries
from revenge_adapters.identity.sessions import PgSessionRepository
from revenge_adapters.identity.tables import metadata, user_roles, users
from revenge_adapters.identity.users import PgUserRepository, SessionSource
from revenge_adapters.postgres.uow import SqlUnitOfWork
from revenge_domain.errors import Conflict
from revenge_domain.identity.access import ADMIN
from revenge_domain.identity.rbac import (
    GRANTS_CATEGORY,
    GRANTS_REFRESH_S,
    Role,
    StoredPermissionPolicy,
)
from revenge_domain.ports.cache import Cache
from revenge_domain.ports.events import EventBus

_log = logging.getLogger("revenge.rbac")

roles = Table(
    "roles",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("description", String(256), nullable=False),
    Column("built_in", Boolean, nullable=False),
)

role_permissions = Table(
    "role_permissions",
    metadata,
    Column("role", String(64), ForeignKey("shared.roles.name"), primary_key=True),
    Column("permission", String(100), primary_key=True),
)


class PgRoleCatalog:
    def __init__(self, source: SessionSource) -> None:
        self._source = source

    async def all(self) -> list[Role]:
        return await self._roles(None)

    async def get(self, name: str) -> Role | None:
        found = await self._roles(name)
        return found[0] if found else None

    async def add(self, role: Role) -> None:
        session = self._source.session
        row = {"name": role.name, "description": role.description, "built_in": role.built_in}
        try:
            async with session.begin_nested():
                await session.execute(roles.insert().values(row))
        except IntegrityError:
            raise Conflict("a role with this name already exists", {"role": role.name}) from None
        await self._insert_permissions(role.name, role.permissions)

    async def delete(self, name: str) -> None:
        await self._source.session.execute(delete(roles).where(roles.c.name == name))

    async def set_permissions(self, name: str, permissions: frozenset[str]) -> None:
        where = role_permissions.c.role == name
        await self._source.session.execute(delete(role_permissions).where(where))
        await self._insert_permissions(name, permissions)

    async def grant(self, name: str, permission: str) -> None:
        await self._insert_permissions(name, frozenset({permission}))

    async def revoke(self, name: str, permission: str) -> bool:
        stmt = (
            delete(role_permissions)
            .where(role_permissions.c.role == name)
            .where(role_permissions.c.permission == permission)
            .returning(role_permissions.c.role)
        )
        return (await self._source.session.execute(stmt)).first() is not None

    async def grants(self) -> dict[str, frozenset[str]]:
        stmt = select(role_permissions.c.role, role_permissions.c.permission)
        by_role: defaultdict[str, set[str]] = defaultdict(set)
        for role, permission in await self._source.session.execute(stmt):
            by_role[role].add(permission)
        return {role: frozenset(permissions) for role, permissions in by_role.items()}

    async def _insert_permissions(self, name: str, permissions: frozenset[str]) -> None:
        if not permissions:
            return
        values = [{"role": name, "permission": permission} for permission in permissions]
        stmt = insert(role_permissions).values(values).on_conflict_do_nothing()
        await self._source.session.execute(stmt)

    async def _roles(self, name: str | None) -> list[Role]:
        holders = (
            select(func.count())
            .select_from(user_roles)
            .where(user_roles.c.role == roles.c.name)
            .scalar_subquery()
        )
        stmt = select(roles, holders.label("user_count")).order_by(roles.c.name)
        if name is not None:
            stmt = stmt.where(roles.c.name == name)
        rows = (await self._source.session.execute(stmt)).mappings().all()
        grants = await self.grants()
        return [
            Role(
                name=row["name"],
                description=row["description"],
                built_in=row["built_in"],
                permissions=grants.get(row["name"], frozenset()),
                user_count=row["user_count"],
            )
            for row in rows
        ]


class PgRoleAssignments:
    def __init__(self, source: SessionSource) -> None:
        self._source = source

    async def roles_of(self, user_id: UUID) -> frozenset[str]:
        """The roles held, the admin role included when the account's `is_admin` flag gives it."""
        stmt = select(user_roles.c.role).where(user_roles.c.user_id == user_id)
        flag = select(users.c.is_admin).where(users.c.id == user_id)
        held = frozenset((await self._source.session.scalars(stmt)).all())
        return held | {ADMIN} if await self._source.session.scalar(flag) else held

    async def assign(self, user_id: UUID, role: str) -> None:
        stmt = insert(user_roles).values(user_id=user_id, role=role).on_conflict_do_nothing()
        await self._source.session.execute(stmt)

    async def remove(self, user_id: UUID, role: str) -> bool:
        stmt = (
            delete(user_roles)
            .where(user_roles.c.user_id == user_id)
            .where(user_roles.c.role == role)
            .returning(user_roles.c.role)
        )
        removed = (await self._source.session.execute(stmt)).first() is not None
        if role != ADMIN:
            return removed
        # The flag would keep granting the role: taking the role away clears it too.
        flag = (
            users.update()
            .where(users.c.id == user_id, users.c.is_admin)
            .values(is_admin=False)
            .returning(users.c.id)
        )
        return (await self._source.session.execute(flag)).first() is not None or removed


class PgRbacUnit(SqlUnitOfWork):
    """`async with PgRbacUnit(factory) as unit:` then `unit.catalog`, `unit.assignments`, ..."""

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        super().__init__(session_factory)
        self.users = PgUserRepository(self)
        self.catalog = PgRoleCatalog(self)
        self.assignments = PgRoleAssignments(self)
        self.sessions = PgSessionRepository(self)
        self.activity = PgActivityEntries(self)


async def stored_permission_policy(
    session_factory: async_sessionmaker[AsyncSession],
    cache: Cache | None,
    refresh_every_s: float = GRANTS_REFRESH_S,
    events: EventBus | None = None,
) -> AsyncIterator[StoredPermissionPolicy]:
    """A resource: the policy loaded once, then kept fresh until closed: at once from the
    changes announced on `events`, and every `refresh_every_s` in case the bus missed some."""
    policy = StoredPermissionPolicy(partial(PgRbacUnit, session_factory), cache, events=events)
    changes = events.subscribe(GRANTS_CATEGORY) if events is not None else None
    try:
        await policy.refresh()
    except Exception as exc:  # not migrated yet, or not reachable: the defaults apply meanwhile
        _log.info(
            "role grants not loaded yet; using the built-in defaults until the next refresh",
            extra={"fields": {"error": str(exc) or type(exc).__name__}},
        )
    tasks = [asyncio.create_task(policy.keep_fresh(refresh_every_s), name="rbac-grants-refresh")]
    if changes is not None:
        tasks.append(asyncio.create_task(policy.follow(changes), name="rbac-grants-follow"))
    try:
        yield policy
    finally:
        if changes is not None:
            await changes.aclose()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
