"""The HTTP API (aiohttp): app factory, operations, validation, probes and metrics."""

from revenge_app.http.app import create_app
from revenge_app.http.document import OpenApiDocument, bundled_document
from revenge_app.http.metrics_app import create_metrics_app
from revenge_app.http.readiness import (
    ProbeCheck,
    ReadinessCheck,
    StartupState,
    cache_check,
    database_check,
    search_check,
)
from revenge_app.http.routes import (
    PUBLIC,
    CacheCategory,
    Operations,
    OperationsMismatch,
    Route,
)
from revenge_app.http.state import HttpDeps, body_of, params_of

__all__ = [
    "PUBLIC",
    "CacheCategory",
    "HttpDeps",
    "OpenApiDocument",
    "Operations",
    "OperationsMismatch",
    "ProbeCheck",
    "ReadinessCheck",
    "Route",
    "StartupState",
    "body_of",
    "bundled_document",
    "cache_check",
    "create_app",
    "create_metrics_app",
    "database_check",
    "params_of",
    "search_check",
]
