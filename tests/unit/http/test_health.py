"""Probes: liveness, readiness (required, optional, timeouts) and startup."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from revenge_app.config import Config
from revenge_app.http import (
    HttpDeps,
    ProbeCheck,
    StartupState,
    bundled_document,
    cache_check,
    create_app,
    database_check,
    search_check,
)
from revenge_app.http.readiness import ReadinessCheck
from tests.unit.http.sample import Client, serve
from tests.unit.whole_app import api_operations


async def up() -> None:
    return None


async def down() -> None:
    raise ConnectionRefusedError("connection refused")


async def hangs() -> None:
    await asyncio.sleep(10)


def started() -> StartupState:
    state = StartupState()
    state.complete()
    return state


@asynccontextmanager
async def probes(
    *checks: ReadinessCheck, startup: StartupState | None = None, timeout_s: float = 2.0
) -> AsyncIterator[Client]:
    deps = HttpDeps(readiness=checks, startup=startup or started(), readiness_timeout_s=timeout_s)
    app = create_app(Config(), deps, operations=api_operations())
    async with serve(app) as client:
        yield client


async def readiness(client: Client, status: int) -> dict[str, Any]:
    response = await client.get("/readyz")
    assert response.status == status
    assert response.headers["Cache-Control"] == ("no-cache" if status == 200 else "no-store")
    body: dict[str, Any] = await response.json()
    bundled_document().validator("/components/schemas/HealthCheck").validate(body)
    return body


async def test_liveness() -> None:
    async with probes() as client:
        response = await client.get("/healthz")
        assert response.status == 200
        assert (await response.json())["status"] == "healthy"
        assert response.headers["Cache-Control"] == "no-cache"


async def test_ready_when_every_check_passes() -> None:
    async with probes(database_check(up), cache_check(up), search_check(up)) as client:
        body = await readiness(client, 200)
    assert body["status"] == "healthy"
    assert set(body["details"]["checks"]) == {"database", "cache", "search"}
    assert all(
        c["status"] == "healthy" and "error" not in c for c in body["details"]["checks"].values()
    )


async def test_not_ready_when_a_required_check_fails() -> None:
    async with probes(database_check(up), cache_check(down)) as client:
        body = await readiness(client, 503)
    assert body["status"] == "unhealthy"
    assert body["details"]["checks"]["cache"]["status"] == "unhealthy"
    assert "connection refused" in body["details"]["checks"]["cache"]["error"]
    assert body["details"]["checks"]["database"]["status"] == "healthy"


async def test_optional_check_failing_is_degraded_but_ready() -> None:
    async with probes(database_check(up), search_check(down)) as client:
        body = await readiness(client, 200)
    assert body["status"] == "degraded"
    assert body["details"]["checks"]["search"]["status"] == "degraded"


async def test_slow_check_times_out_and_checks_run_concurrently() -> None:
    slow = [ProbeCheck(f"slow{i}", hangs) for i in range(3)]
    async with probes(*slow, timeout_s=0.05) as client:
        loop = asyncio.get_running_loop()
        begun = loop.time()
        body = await readiness(client, 503)
        assert loop.time() - begun < 1.0
    assert body["details"]["checks"]["slow0"]["error"] == "no answer within 0.05 s"


async def test_not_ready_before_startup_is_complete() -> None:
    async with probes(database_check(up), startup=StartupState()) as client:
        body = await readiness(client, 503)
    assert body["details"]["checks"]["startup"]["status"] == "unhealthy"


async def test_startup_probe_before_and_after() -> None:
    state = StartupState()
    async with probes(startup=state) as client:
        before = await client.get("/startupz")
        assert before.status == 503
        assert (await before.json())["status"] == "unhealthy"
        state.complete()
        after = await client.get("/startupz")
        assert after.status == 200
        assert (await after.json())["status"] == "healthy"
        assert after.headers["Cache-Control"] == "no-cache"


async def test_head_on_a_probe() -> None:
    async with probes() as client:
        response = await client.head("/healthz")
        assert response.status == 200
