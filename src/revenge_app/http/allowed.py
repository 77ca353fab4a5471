"""The `Allow` header of a 405: the methods of the route the path names.

aiohttp lists the methods of every route whose pattern the path fits, so a literal path such as
`/api/v1/sessions/refresh` would also list those of `/api/v1/sessions/{sessionId}` beside it. A
literal route owns its path: its methods alone are listed."""

from __future__ import annotations

from aiohttp import web
from aiohttp.web_urldispatcher import PlainResource


async def allowed_methods(request: web.Request) -> set[str]:
    """The methods of the literal routes of the request's path, or else of every route whose
    pattern the path fits."""
    literal: set[str] = set()
    fitting: set[str] = set()
    for resource in request.app.router.resources():
        _, allowed = await resource.resolve(request)
        # One path may have several literal resources (routes added apart).
        (literal if isinstance(resource, PlainResource) else fitting).update(allowed)
    return literal or fitting


def allow_header(methods: set[str]) -> str:
    return ",".join(sorted(methods))
