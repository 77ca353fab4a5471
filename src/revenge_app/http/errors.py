"""The one error body, and the one place where failures become HTTP statuses."""

from __future__ import annotations

from collections.abc import Mapping
from http import HTTPStatus
from typing import Any, TypeVar

from aiohttp import web

from revenge_domain.errors import (
    Conflict,
    DependencyUnavailable,
    DomainError,
    InvalidInput,
    NotFound,
    PermissionDenied,
    TooManyRequests,
    Unauthenticated,
)

DOMAIN_STATUS: dict[type[DomainError], int] = {
    NotFound: 404,
    Conflict: 409,
    InvalidInput: 400,
    Unauthenticated: 401,
    PermissionDenied: 403,
    TooManyRequests: 429,
    DependencyUnavailable: 503,
    DomainError: 400,
}

HTTP_ERROR_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    408: "request_timeout",
    409: "conflict",
    411: "length_required",
    413: "payload_too_large",
    414: "uri_too_long",
    415: "unsupported_media_type",
    429: "too_many_requests",
    500: "internal_error",
    501: "not_implemented",
    503: "unavailable",
}

# Headers an aiohttp HTTP error carries that the client needs (e.g. Allow on 405).
_KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate")

T = TypeVar("T")


class ApiError(Exception):
    """A failure already expressed in HTTP terms (status, machine code, message, details)."""

    def __init__(
        self,
        status: int,
        error: str,
        message: str,
        details: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.error = error
        self.message = message
        self.details: dict[str, Any] = dict(details or {})
        self.headers: dict[str, str] = dict(headers or {})


def from_domain(exc: DomainError) -> ApiError:
    status = next(DOMAIN_STATUS[cls] for cls in type(exc).__mro__ if cls in DOMAIN_STATUS)
    headers = {}
    if isinstance(exc, TooManyRequests | DependencyUnavailable):
        headers["Retry-After"] = str(max(0, exc.retry_after_s))
    return ApiError(status, exc.code, exc.message, exc.details, headers)


def from_http(exc: web.HTTPException, request: web.Request) -> ApiError:
    status = exc.status
    message = {
        404: f"no route for {request.path}",
        405: f"method {request.method} is not allowed for {request.path}",
        413: "request body is too large",
    }.get(status, _phrase(status))
    headers = {name: exc.headers[name] for name in _KEPT_HEADERS if name in exc.headers}
    return ApiError(status, HTTP_ERROR_CODES.get(status, f"http_{status}"), message, None, headers)


def status_error(status: int) -> ApiError:
    """An error known only by its status (no route or handler saw the request)."""
    return ApiError(status, HTTP_ERROR_CODES.get(status, f"http_{status}"), _phrase(status))


def internal_error() -> ApiError:
    return ApiError(500, "internal_error", "internal server error")


def error_response(error: ApiError, request_id: str) -> web.Response:
    body: dict[str, Any] = {
        "code": error.status,
        "error": error.error,
        "message": error.message,
        "request_id": request_id,
        "details": error.details,
    }
    return web.json_response(body, status=error.status, headers=error.headers)


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase.lower()
    except ValueError:
        return f"http error {status}"


def available(use_case: T | None) -> T:
    """The use case, or 501 when this server runs without it (search off, for one)."""
    if use_case is None:
        raise ApiError(501, "not_implemented", "this operation is not available on this server")
    return use_case
