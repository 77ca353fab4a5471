"""Middlewares, outermost first: request id, access log + metrics, CORS preflight, errors."""

from __future__ import annotations

import asyncio
import logging
import re
import time
import uuid

from aiohttp import web
from aiohttp.typedefs import Handler

from revenge_adapters.metrics import HTTP_LATENCY, HTTP_REQUESTS
from revenge_app.http.allowed import allow_header, allowed_methods
from revenge_app.http.errors import ApiError, error_response, from_domain, from_http, internal_error
from revenge_app.http.headers import is_preflight, preflight_response
from revenge_app.http.outages import outage_error
from revenge_app.http.state import CONFIG, REQUEST_ID, request_id_of
from revenge_domain.errors import DomainError

UNMATCHED_ROUTE = "unmatched"
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
CLIENT_CLOSED = 499
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,128}")

access_log = logging.getLogger("revenge.access")
error_log = logging.getLogger("revenge.http")


def accepted_request_id(offered: str | None) -> str:
    """The client's id when it is safe to echo and log, else a fresh one."""
    if offered and _SANE_REQUEST_ID.fullmatch(offered):
        return offered
    return str(uuid.uuid4())


def route_template(request: web.Request) -> str:
    """The matched path template; one fixed label for everything unmatched (no label explosion)."""
    resource = request.match_info.route.resource
    if resource is None or request.match_info.http_exception is not None:
        return UNMATCHED_ROUTE
    return resource.canonical


@web.middleware
async def request_id_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    request[REQUEST_ID] = accepted_request_id(request.headers.get("X-Request-ID"))
    return await handler(request)


@web.middleware
async def access_log_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    started = time.perf_counter()
    status = 500
    try:
        response = await handler(request)
        status = response.status
        return response
    except asyncio.CancelledError:
        status = CLIENT_CLOSED
        raise
    finally:
        _record(request, status, time.perf_counter() - started)


def _record(request: web.Request, status: int, seconds: float) -> None:
    route = route_template(request)
    method = request.method if request.method in KNOWN_METHODS else "OTHER"
    HTTP_REQUESTS.labels(method, route, str(status)).inc()
    HTTP_LATENCY.labels(method, route).observe(seconds)
    fields = {
        "request_id": request_id_of(request),
        "method": method,
        "route": route,
        "status": status,
        "duration_ms": round(seconds * 1000, 2),
    }
    access_log.info("request", extra={"fields": fields})


@web.middleware
async def cors_preflight_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    if is_preflight(request):
        return preflight_response(request)
    return await handler(request)


@web.middleware
async def error_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        _check_declared_length(request)
        return await handler(request)
    except ApiError as exc:
        error = exc
    except DomainError as exc:
        error = from_domain(exc)
    except web.HTTPException as exc:
        if exc.status < 400:
            return web.Response(status=exc.status, headers=exc.headers, body=exc.body)
        error = from_http(exc, request)
        if exc.status == 405:
            error.headers["Allow"] = allow_header(await allowed_methods(request))
    except Exception as exc:
        fields = {"request_id": request_id_of(request), "route": route_template(request)}
        outage = outage_error(exc)
        if outage is not None:
            error_log.warning(outage.message, extra={"fields": {**fields, "error": repr(exc)}})
            return error_response(outage, request_id_of(request))
        error_log.exception("unhandled error while serving a request", extra={"fields": fields})
        error = internal_error()
    return error_response(error, request_id_of(request))


def _check_declared_length(request: web.Request) -> None:
    """Refuse a body announced as too large before reading any of it."""
    limit = request.app[CONFIG].server.max_body_bytes
    if request.content_length is not None and request.content_length > limit:
        raise ApiError(
            413,
            "payload_too_large",
            f"request body is larger than {limit} bytes",
            {"max_body_bytes": limit},
        )
