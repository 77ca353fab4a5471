"""Readiness: dependency checks run concurrently with a timeout, plus the startup state."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, Protocol

import attrs

HEALTHY, DEGRADED, UNHEALTHY = "healthy", "degraded", "unhealthy"
_MAX_ERROR_CHARS = 200

log = logging.getLogger("revenge.health")


class ReadinessCheck(Protocol):
    """One dependency. `__call__` returns when it is reachable and raises otherwise.

    A failing check that is not `required` makes the server degraded, not unready.
    """

    @property
    def name(self) -> str: ...

    @property
    def required(self) -> bool: ...

    async def __call__(self) -> None: ...


@attrs.frozen
class ProbeCheck:
    """A readiness check over any awaitable probe, e.g. `SELECT 1` or a Redis PING."""

    name: str
    probe: Callable[[], Awaitable[object]]
    required: bool = True

    async def __call__(self) -> None:
        await self.probe()


def database_check(probe: Callable[[], Awaitable[object]]) -> ProbeCheck:
    return ProbeCheck("database", probe)


def cache_check(probe: Callable[[], Awaitable[object]]) -> ProbeCheck:
    return ProbeCheck("cache", probe)


def search_check(probe: Callable[[], Awaitable[object]]) -> ProbeCheck:
    """Search is optional: when it is down the server still serves, degraded."""
    return ProbeCheck("search", probe, required=False)


@attrs.define
class StartupState:
    """Set once startup work (migrations) is done; probes answer 503 until then."""

    is_complete: bool = False

    def complete(self) -> None:
        self.is_complete = True


@attrs.frozen
class CheckResult:
    status: str
    latency_ms: float
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"status": self.status, "latency_ms": self.latency_ms}
        if self.error is not None:
            body["error"] = self.error
        return body


@attrs.frozen
class ReadinessReport:
    checks: Mapping[str, CheckResult]

    @property
    def status(self) -> str:
        statuses = {result.status for result in self.checks.values()}
        return next((s for s in (UNHEALTHY, DEGRADED) if s in statuses), HEALTHY)

    @property
    def ready(self) -> bool:
        return self.status != UNHEALTHY

    def to_json(self) -> dict[str, Any]:
        failing = sorted(name for name, r in self.checks.items() if r.status != HEALTHY)
        return {
            "name": "readiness",
            "status": self.status,
            "message": f"not healthy: {', '.join(failing)}" if failing else "ready",
            "details": {"checks": {name: result.to_json() for name, result in self.checks.items()}},
        }


async def assess(
    checks: Sequence[ReadinessCheck], startup: StartupState, timeout_s: float
) -> ReadinessReport:
    """Run every check at once; each gets `timeout_s`."""
    results = await asyncio.gather(*(_run(check, timeout_s) for check in checks))
    by_name = {check.name: result for check, result in zip(checks, results, strict=True)}
    if not startup.is_complete:
        by_name["startup"] = CheckResult(UNHEALTHY, 0.0, "startup work is not finished")
    return ReadinessReport(by_name)


async def _run(check: ReadinessCheck, timeout_s: float) -> CheckResult:
    started = time.perf_counter()
    try:
        async with asyncio.timeout(timeout_s):
            await check()
    except TimeoutError:
        error = f"no answer within {timeout_s:g} s"
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"[:_MAX_ERROR_CHARS]
    else:
        return CheckResult(HEALTHY, _elapsed_ms(started))
    status = UNHEALTHY if check.required else DEGRADED
    log.warning("readiness check failed", extra={"fields": {"check": check.name, "error": error}})
    return CheckResult(status, _elapsed_ms(started), error)


def _elapsed_ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)
