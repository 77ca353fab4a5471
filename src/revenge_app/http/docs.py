"""Serves the OpenAPI document itself, with a strong ETag for conditional requests."""

from __future__ import annotations

from aiohttp import web

from revenge_app.http.routes import PUBLIC, CacheCategory, Operations
from revenge_app.http.state import DOCUMENT

OPERATIONS = Operations()
operation = OPERATIONS.operation


@operation("getOpenApiDocument", permission=PUBLIC, cache=CacheCategory.DOCUMENT)
async def get_openapi_document(request: web.Request) -> web.Response:
    document = request.app[DOCUMENT]
    headers = {"ETag": document.etag}
    if is_current(request, document.etag):
        return web.Response(status=304, headers=headers)
    return web.Response(body=document.raw, content_type="application/yaml", headers=headers)


def is_current(request: web.Request, etag: str) -> bool:
    # If-None-Match compares weakly (RFC 9110 13.1.2), so a W/ prefix still matches.
    tags = request.if_none_match or ()
    return any(tag.value in ("*", etag.strip('"')) for tag in tags)
