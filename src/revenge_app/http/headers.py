"""Headers every response gets: request id, security headers, CORS and Cache-Control.

They are added when a response is prepared (not in a middleware) so that streamed responses,
which send their headers before the handler returns, get them too.
"""

from __future__ import annotations

from collections.abc import Collection

from aiohttp import web

from revenge_app.http.routes import Route
from revenge_app.http.state import CONFIG, ROUTE, request_id_of

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' image.tmdb.org; media-src 'self' blob:; "
        "script-src 'self'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}

# Instead of aiohttp's default, which names the Python and aiohttp versions.
SERVER_NAME = "Revenge"

CORS_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS"
CORS_ALLOW_HEADERS = (
    "Authorization, Content-Type, X-API-Key, X-Request-ID, X-CSRF-Token, Accept, Accept-Language"
)
CORS_EXPOSE_HEADERS = "X-Request-ID, Retry-After, Content-Disposition"
CORS_MAX_AGE_S = 43200


def is_preflight(request: web.Request) -> bool:
    return (
        request.method == "OPTIONS"
        and "Origin" in request.headers
        and "Access-Control-Request-Method" in request.headers
    )


def preflight_response(request: web.Request) -> web.Response:
    """204 for a CORS preflight; the allow headers only when the origin is allowed."""
    response = web.Response(status=204)
    if allowed_origin(request) is not None:
        response.headers["Access-Control-Allow-Methods"] = CORS_METHODS
        response.headers["Access-Control-Allow-Headers"] = CORS_ALLOW_HEADERS
        response.headers["Access-Control-Max-Age"] = str(CORS_MAX_AGE_S)
    return response


def allowed_origin(request: web.Request) -> str | None:
    origin = request.headers.get("Origin")
    allowed: Collection[str] = request.app[CONFIG].server.cors_allowed_origins
    if origin and (origin in allowed or "*" in allowed):
        return origin
    return None


async def add_response_headers(request: web.Request, response: web.StreamResponse) -> None:
    headers = response.headers
    headers["X-Request-ID"] = request_id_of(request)
    headers["Server"] = SERVER_NAME
    headers.update(SECURITY_HEADERS)
    headers.add("Vary", "Origin")
    origin = allowed_origin(request)
    if origin is not None:
        headers["Access-Control-Allow-Origin"] = origin
        headers["Access-Control-Allow-Credentials"] = "true"
        headers["Access-Control-Expose-Headers"] = CORS_EXPOSE_HEADERS
    headers.setdefault("Cache-Control", cache_control(request, response.status))


def cache_control(request: web.Request, status: int) -> str:
    """The route's category for successful answers; errors and unknown routes are never stored."""
    route: Route | None = request.get(ROUTE)
    if route is None or status >= 400:
        return "no-store"
    return route.cache_control
