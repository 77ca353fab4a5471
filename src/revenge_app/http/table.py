"""The route table: every operation the server answers, each declared once.

Features add their routes here; `create_app` refuses to start when this table and the
OpenAPI document disagree.
"""

from __future__ import annotations

from revenge_app.http.docs import get_openapi_document
from revenge_app.http.health import get_liveness, get_readiness, get_startup
from revenge_app.http.routes import PUBLIC, CacheCategory, Route

PROBE, DOCUMENT = CacheCategory.PROBE, CacheCategory.DOCUMENT

HEALTH_ROUTES = (
    Route("GET", "/healthz", "getLiveness", get_liveness, permission=PUBLIC, cache=PROBE),
    Route("GET", "/readyz", "getReadiness", get_readiness, permission=PUBLIC, cache=PROBE),
    Route("GET", "/startupz", "getStartup", get_startup, permission=PUBLIC, cache=PROBE),
)

DOCS_ROUTES = (
    Route(
        "GET",
        "/api/openapi.yaml",
        "getOpenApiDocument",
        get_openapi_document,
        permission=PUBLIC,
        cache=DOCUMENT,
    ),
)

ROUTES: tuple[Route, ...] = (*HEALTH_ROUTES, *DOCS_ROUTES)
