"""The HTTP application factory: routes from the table, validated against the document."""

from __future__ import annotations

from collections.abc import Sequence

from aiohttp import web

from revenge_app.config import Config
from revenge_app.http import detached
from revenge_app.http.auth import authentication_middleware, authorize
from revenge_app.http.document import OpenApiDocument, bundled_document
from revenge_app.http.headers import add_response_headers
from revenge_app.http.middleware import (
    access_log_middleware,
    cors_preflight_middleware,
    error_middleware,
    request_id_middleware,
)
from revenge_app.http.routes import Handler, Route, RouteTableMismatch, mismatches
from revenge_app.http.state import BODY, CONFIG, DEPS, DOCUMENT, PARAMS, ROUTE, HttpDeps
from revenge_app.http.table import ROUTES
from revenge_app.http.validation import RequestRules


def create_app(
    config: Config,
    deps: HttpDeps,
    *,
    routes: Sequence[Route] = ROUTES,
    document: OpenApiDocument | None = None,
) -> web.Application:
    """Build the API app. Raises RouteTableMismatch when routes and document disagree."""
    document = document or bundled_document()
    problems = mismatches((route.key for route in routes), document)
    if problems:
        raise RouteTableMismatch("; ".join(problems))
    app = web.Application(
        middlewares=[
            request_id_middleware,
            access_log_middleware,
            cors_preflight_middleware,
            error_middleware,
            authentication_middleware,
        ],
        client_max_size=config.server.max_body_bytes,
    )
    app[CONFIG], app[DEPS], app[DOCUMENT] = config, deps, document
    operations = {operation.key: operation for operation in document.operations()}
    for route in routes:
        rules = RequestRules.compile(document, operations[route.key])
        handler = _validated(route, rules)
        if route.method == "GET":
            app.router.add_get(route.path, handler, name=route.operation_id)
        else:
            app.router.add_route(route.method, route.path, handler, name=route.operation_id)
    app.on_response_prepare.append(add_response_headers)
    detached.install(app)
    return app


def _validated(route: Route, rules: RequestRules) -> Handler:
    async def handle(request: web.Request) -> web.StreamResponse:
        request[ROUTE] = route
        authorize(request, route)
        request[PARAMS] = rules.params(request)
        request[BODY] = await rules.read_body(request)
        return await route.handler(request)

    return handle
