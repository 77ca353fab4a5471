"""Readiness over the machine's real PostgreSQL and Redis, served on a real socket."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Any

import asyncpg  # type: ignore[import-untyped]
import pytest
import redis.asyncio as aioredis
from aiohttp import ClientSession

from revenge_app.config import Config
from revenge_app.http import (
    HttpDeps,
    ReadinessCheck,
    StartupState,
    cache_check,
    database_check,
    search_check,
)
from tests.integration.app_server import app_server

Probe = Callable[[], Coroutine[Any, Any, object]]


def postgres_probe(url: str) -> Probe:
    async def select_one() -> object:
        connection = await asyncpg.connect(url)
        try:
            return await connection.fetchval("SELECT 1")
        finally:
            await connection.close()

    return select_one


@pytest.fixture
async def redis_client(redis_url: str) -> AsyncIterator[aioredis.Redis]:
    client = aioredis.from_url(redis_url)
    yield client
    await client.aclose()


def http_health_probe(url: str) -> Probe:
    async def get_health() -> object:
        async with ClientSession() as session, session.get(url) as response:
            response.raise_for_status()
            return await response.json()

    return get_health


def free_port() -> int:
    """A loopback port where nothing listens (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
async def dead_redis() -> AsyncIterator[aioredis.Redis]:
    client = aioredis.from_url(f"redis://127.0.0.1:{free_port()}/0", socket_connect_timeout=0.5)
    yield client
    await client.aclose()


async def ready_status(config: Config, *checks: ReadinessCheck) -> tuple[int, dict[str, Any]]:
    state = StartupState()
    state.complete()
    async with app_server(config, deps=HttpDeps(readiness=checks, startup=state)) as server:
        response = await server.client.get("/readyz")
        return response.status, await response.json()


async def test_ready_with_real_postgres_and_redis(
    config: Config, pg_url: str, redis_client: aioredis.Redis
) -> None:
    status, body = await ready_status(
        config, database_check(postgres_probe(pg_url)), cache_check(redis_client.ping)
    )
    assert (status, body["status"]) == (200, "healthy")
    assert {name: c["status"] for name, c in body["details"]["checks"].items()} == {
        "database": "healthy",
        "cache": "healthy",
    }


async def test_unreachable_redis_makes_the_server_unready(
    config: Config, pg_url: str, dead_redis: aioredis.Redis
) -> None:
    status, body = await ready_status(
        config, database_check(postgres_probe(pg_url)), cache_check(dead_redis.ping)
    )
    assert status == 503
    assert body["details"]["checks"]["cache"]["status"] == "unhealthy"
    assert body["details"]["checks"]["database"]["status"] == "healthy"


async def test_unreachable_search_only_degrades(
    config: Config, pg_url: str, redis_client: aioredis.Redis
) -> None:
    status, body = await ready_status(
        config,
        database_check(postgres_probe(pg_url)),
        cache_check(redis_client.ping),
        search_check(http_health_probe(f"http://127.0.0.1:{free_port()}/health")),
    )
    assert (status, body["status"]) == (200, "degraded")
