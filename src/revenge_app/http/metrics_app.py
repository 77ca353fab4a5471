"""The Prometheus endpoint, served on its own port so the API port never exposes it."""

from __future__ import annotations

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from revenge_adapters.metrics import REGISTRY


async def get_metrics(request: web.Request) -> web.Response:
    return web.Response(
        body=generate_latest(REGISTRY), headers={"Content-Type": CONTENT_TYPE_LATEST}
    )


def create_metrics_app() -> web.Application:
    app = web.Application()
    app.router.add_get("/metrics", get_metrics)
    return app
