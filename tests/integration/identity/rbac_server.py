"""A server for the rbac tests: the whole app over real PostgreSQL and Redis, with the stored
permission policy loaded from the database and kept fresh as in production."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import attrs
from dependency_injector import providers
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.cache import TwoLevelCache
from revenge_adapters.identity.rbac import stored_permission_policy
from revenge_app.config import Config
from revenge_app.container import Container
from revenge_app.registry import Features, resolved
from revenge_domain.identity.rbac import StoredPermissionPolicy
from tests.integration.app_server import app_server
from tests.integration.support import Client


@attrs.frozen
class RbacServer:
    client: Client
    features: Features
    policy: StoredPermissionPolicy
    cache: TwoLevelCache
    session_factory: async_sessionmaker[AsyncSession]


@contextlib.asynccontextmanager
async def rbac_server(config: Config, refresh_every_s: float = 10.0) -> AsyncIterator[RbacServer]:
    """Over the `config` of another one, a second instance of the same site."""

    def refreshing(container: Container) -> None:
        core = container.core
        container.identity.policy.override(
            providers.Resource(
                stored_permission_policy,
                core.sessions,
                core.credentials_cache,
                refresh_every_s,
                events=core.events,
            )
        )

    async with app_server(config, refreshing, run_jobs=False) as server:
        container = server.container
        yield RbacServer(
            server.client,
            server.features,
            await resolved(container.identity.policy()),
            await resolved(container.core.credentials_cache()),
            await resolved(container.core.sessions()),
        )
