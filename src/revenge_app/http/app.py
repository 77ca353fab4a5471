"""The HTTP application factory: the document's operations, each routed to its handler."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from aiohttp import web

from revenge_app.config import Config
from revenge_app.http import detached, docs, health
from revenge_app.http.auth import authentication_middleware, authorize
from revenge_app.http.client_address import forwarded_for_middleware
from revenge_app.http.csrf import CSRF_KEY, csrf_key
from revenge_app.http.document import OpenApiDocument, bundled_document
from revenge_app.http.headers import add_response_headers
from revenge_app.http.middleware import (
    access_log_middleware,
    cors_preflight_middleware,
    error_middleware,
    request_id_middleware,
)
from revenge_app.http.rate_limits import RATE_RULES, check_rate_limits, rate_rules
from revenge_app.http.routes import Handler, Operations, Route, bound_routes
from revenge_app.http.state import BODY, CONFIG, DEPS, DOCUMENT, PARAMS, ROUTE, HttpDeps
from revenge_app.http.validation import RequestRules

if TYPE_CHECKING:
    # The registry reads `Operations` from this package: imported here only for the annotation.
    from revenge_app.registry import Features

BUILT_IN = (health.OPERATIONS, docs.OPERATIONS)


def create_app(
    config: Config,
    deps: HttpDeps,
    features: Features | None = None,
    *,
    operations: Iterable[Operations] | None = None,
    document: OpenApiDocument | None = None,
) -> web.Application:
    """Build the API app: the probes and docs, and the operations of `features` (or exactly
    `operations`, for tests). Raises OperationsMismatch when the handlers and the document's
    operations disagree."""
    document = document or bundled_document()
    if operations is None:
        operations = (*BUILT_IN, *(features.operations if features else ()))
    routes = bound_routes(document, operations)
    app = web.Application(
        middlewares=[
            forwarded_for_middleware,
            request_id_middleware,
            access_log_middleware,
            cors_preflight_middleware,
            error_middleware,
            authentication_middleware,
        ],
        client_max_size=config.server.max_body_bytes,
    )
    app[CONFIG], app[DEPS], app[DOCUMENT] = config, deps, document
    app[RATE_RULES] = rate_rules(config.rate_limits)
    app[CSRF_KEY] = csrf_key(deps.csrf_key)
    if features is not None:
        features.install(app)
    documented = {operation.key.operation_id: operation for operation in document.operations()}
    literal = frozenset(route.path for route in routes if "{" not in route.path)
    for route in routes:
        rules = RequestRules.compile(document, documented[route.operation_id])
        handler = _validated(route, rules, literal if "{" in route.path else frozenset())
        if route.method == "GET":
            app.router.add_get(route.path, handler, name=route.operation_id)
        else:
            app.router.add_route(route.method, route.path, handler, name=route.operation_id)
    app.on_response_prepare.append(add_response_headers)
    detached.install(app)
    return app


def _validated(route: Route, rules: RequestRules, literal: frozenset[str]) -> Handler:
    """`literal`: the paths of literal routes this `{param}` route also fits; such a path is
    its literal route's own, whose methods alone answer it (405 otherwise)."""

    async def handle(request: web.Request) -> web.StreamResponse:
        if request.path in literal:
            raise web.HTTPMethodNotAllowed(request.method, ())
        request[ROUTE] = route
        authorize(request, route)
        request[PARAMS] = rules.params(request)
        request[BODY] = await rules.read_body(request)
        await check_rate_limits(request, route.operation_id)
        return await route.handler(request)

    return handle
