"""Handler of /api/v1/images: artwork in the asked size, with a strong ETag."""

from __future__ import annotations

from aiohttp import web

from revenge_app.http.docs import is_current
from revenge_app.http.errors import ApiError
from revenge_app.http.routes import PUBLIC, CacheCategory, Operations
from revenge_app.http.state import params_of
from revenge_app.images.container import IMAGES
from revenge_domain.images import ImageSourceFailed, parse_size, parse_type

OPERATIONS = Operations()
operation = OPERATIONS.operation

# A slash or backslash sent percent-encoded would hide a separator inside one path segment.
_ENCODED_SEPARATORS = ("%2f", "%5c")


# Public as in the contract: clients put these URLs in <img> tags, which send no token. `path`
# (the provider's file path) spans slashes.
@operation("getProxiedImage", permission=PUBLIC, cache=CacheCategory.IMAGE, patterns={"path": ".+"})
async def get_proxied_image(request: web.Request) -> web.Response:
    if any(separator in request.rel_url.raw_path.lower() for separator in _ENCODED_SEPARATORS):
        raise ApiError(
            400,
            "invalid_image_path",
            "invalid image path: encoded slashes are not allowed",
            {"field": "path", "reason": "encoded slashes are not allowed"},
        )
    params = params_of(request)
    cache = request.app[IMAGES]
    kind, size = parse_type(params.text("type")), parse_size(params.text("size"))
    try:
        image = await cache.serve(kind, size, params.text("path"))
    except ImageSourceFailed as exc:
        raise ApiError(502, "bad_gateway", exc.message) from None
    headers = {"ETag": image.etag}
    if is_current(request, image.etag):
        return web.Response(status=304, headers=headers)
    return web.Response(body=image.content, content_type=image.content_type, headers=headers)
