"""Probe handlers: liveness, readiness and startup."""

from __future__ import annotations

from aiohttp import web

from revenge_app.http.readiness import HEALTHY, UNHEALTHY, assess
from revenge_app.http.routes import PUBLIC, CacheCategory, Operations
from revenge_app.http.state import DEPS

OPERATIONS = Operations()
operation = OPERATIONS.operation


@operation("getLiveness", permission=PUBLIC, cache=CacheCategory.PROBE)
async def get_liveness(request: web.Request) -> web.Response:
    return web.json_response(
        {"name": "liveness", "status": HEALTHY, "message": "the server is running"}
    )


@operation("getReadiness", permission=PUBLIC, cache=CacheCategory.PROBE)
async def get_readiness(request: web.Request) -> web.Response:
    deps = request.app[DEPS]
    report = await assess(deps.readiness, deps.startup, deps.readiness_timeout_s)
    return web.json_response(report.to_json(), status=200 if report.ready else 503)


@operation("getStartup", permission=PUBLIC, cache=CacheCategory.PROBE)
async def get_startup(request: web.Request) -> web.Response:
    if request.app[DEPS].startup.is_complete:
        return web.json_response(
            {"name": "startup", "status": HEALTHY, "message": "startup work is done"}
        )
    body = {"name": "startup", "status": UNHEALTHY, "message": "startup work is still running"}
    return web.json_response(body, status=503)
