"""The whole app as `revenge serve` builds it (the root container, every feature), over the
test's own PostgreSQL database and Redis key prefix (and Typesense when given). Jobs run inline
through the in-memory queue with the features' own handlers, unless a test wants the real
queue. A test replaces what it must with `override(container)` before anything is resolved."""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any
from uuid import UUID

import asyncpg
import attrs
from aiohttp.test_utils import TestClient, TestServer
from dependency_injector import providers

from revenge_adapters.identity import Argon2PasswordHasher
from revenge_app.config import Config, load_config
from revenge_app.container import Container
from revenge_app.embedded.typesense import TypesenseServer
from revenge_app.features import registered, settled
from revenge_app.http import HttpDeps, create_app
from revenge_app.registry import Features
from revenge_app.services import configured_urls
from tests.integration.support import CHEAP, PASSWORD, Client
from tests.unit.fakes.jobs import FakeJobQueue

# One secret for every instance of a test, as servers of one deployment share theirs.
SIGNING_SECRET = secrets.token_hex(32)
Override = Callable[[Container], None]


@attrs.frozen
class Server:
    client: Client
    # The in-memory queue the jobs ran through (unused when the app has the real queue).
    queue: FakeJobQueue
    pg_url: str
    container: Container
    features: Features


def app_config(
    pg_url: str,
    redis_url: str,
    key_prefix: str,
    data_dir: Path,
    search: TypesenseServer | None = None,
    **settings: Any,
) -> Config:
    """Settings for the test's services; `settings` are dotted names with `__` for the dot
    (`scanning__probe=False`)."""
    values: dict[str, object] = {
        "database.url": pg_url,
        "cache.url": redis_url,
        "cache.key_prefix": key_prefix,
        "data_dir": str(data_dir),
        "search.enabled": search is not None,
        "rate_limits.enabled": False,
    }
    if search is not None:
        values |= {
            "search.url": search.url,
            "search.api_key": search.api_key,
            "search.collection_prefix": f"{key_prefix.strip(':').replace('-', '_')}_",
        }
    values |= {name.replace("__", "."): value for name, value in settings.items()}
    return load_config(environ={}, overrides=values)


def root_container(config: Config, queue: FakeJobQueue | None = None) -> Container:
    """The root container with cheap password hashing, the shared signing secret, and jobs
    through `queue` when given."""
    container = Container(config=config, urls=configured_urls(config))
    container.identity.hasher.override(providers.Object(Argon2PasswordHasher(CHEAP)))
    container.core.signing_secret.override(providers.Object(SIGNING_SECRET))
    if queue is not None:
        container.core.queue.override(providers.Object(queue))
    return container


@contextlib.asynccontextmanager
async def app_server(
    config: Config,
    override: Override | None = None,
    *,
    real_queue: bool = False,
    run_jobs: bool = True,
    deps: HttpDeps | None = None,
) -> AsyncIterator[Server]:
    """Without `run_jobs`, the in-memory queue only records what was enqueued."""
    queue = FakeJobQueue()
    container = root_container(config, None if real_queue else queue)
    if override is not None:
        override(container)
    await settled(container.init_resources())
    try:
        features = await registered(container)
        if run_jobs:
            queue.run_with(features.jobs)
        app = create_app(config, deps or HttpDeps(), features)
        async with TestClient(TestServer(app)) as client:
            yield Server(client, queue, config.database.url, container, features)
    finally:
        await settled(container.shutdown_resources())


@attrs.frozen
class Account:
    name: str
    user_id: UUID
    headers: dict[str, str]


async def signed_up(server: Server, admin: bool = False) -> Account:
    """A fresh account, signed in with a bearer token (no cookies kept)."""
    client = server.client
    name = f"u{secrets.token_hex(5)}"
    body = {"username": name, "email": f"{name}@example.com", "password": PASSWORD}
    registered = await client.post("/api/v1/auth/register", json=body)
    assert registered.status == 201
    user_id = UUID((await registered.json())["id"])
    if admin:
        connection = await asyncpg.connect(server.pg_url)
        try:
            await connection.execute(
                "UPDATE shared.users SET is_admin = true WHERE id = $1", user_id
            )
        finally:
            await connection.close()
    login = await client.post("/api/v1/auth/login", json={"username": name, "password": PASSWORD})
    assert login.status == 200
    client.session.cookie_jar.clear()
    token = (await login.json())["access_token"]
    return Account(name, user_id, {"Authorization": f"Bearer {token}"})


async def json_of(response: Any) -> Any:
    return await response.json()
