"""Server instances for credential tests: the whole app over real PostgreSQL and Redis, each
instance with its own Redis client, event bus, credential cache and API-key use recorder."""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import AsyncIterator
from typing import Any

import attrs
from dependency_injector import providers
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.identity.api_keys import PgApiKeyUses
from revenge_app.config import Config
from revenge_app.container import Container
from tests.integration.app_server import Server, app_server
from tests.integration.support import PASSWORD, Client

# API-key uses are written this often, so that tests see them soon.
FLUSH_EVERY_S = 0.05


async def quick_key_uses(
    session_factory: async_sessionmaker[AsyncSession],
) -> AsyncIterator[PgApiKeyUses]:
    uses = PgApiKeyUses(session_factory, every_s=FLUSH_EVERY_S)
    uses.start()
    yield uses
    await uses.close()


def with_quick_key_uses(container: Container) -> None:
    identity = container.identity
    identity.key_uses.override(providers.Resource(quick_key_uses, container.core.sessions))


@attrs.define
class Cluster:
    """Instances that share one database, one Redis and one signing secret."""

    config: Config
    _stack: contextlib.AsyncExitStack = attrs.Factory(contextlib.AsyncExitStack)

    async def start(self) -> Server:
        return await self._stack.enter_async_context(app_server(self.config, with_quick_key_uses))

    async def close(self) -> None:
        await self._stack.aclose()


async def signed_up(client: Client) -> dict[str, Any]:
    """Register a fresh account and sign in; the answer of the login (no cookies kept)."""
    name = f"u{secrets.token_hex(5)}"
    body = {"username": name, "email": f"{name}@example.com", "password": PASSWORD}
    assert (await client.post("/api/v1/auth/register", json=body)).status == 201
    login = await client.post("/api/v1/auth/login", json={"username": name, "password": PASSWORD})
    assert login.status == 200
    client.session.cookie_jar.clear()
    answer: dict[str, Any] = await login.json()
    return answer


def bearer(login: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": f"Bearer {login['access_token']}"}
