"""The image route: a path parameter spanning segments, public, cached for a year."""

from __future__ import annotations

from aiohttp import web

from revenge_app.http.routes import PUBLIC, CacheCategory, Route
from revenge_app.http.table import IMAGE_ROUTES


async def nothing(request: web.Request) -> web.Response:
    return web.Response()


def test_a_parameter_pattern_is_left_out_of_the_operation_key() -> None:
    route = Route("GET", "/files/{kind}/{path:.+}", "getFile", nothing, permission=PUBLIC)
    assert route.key.path == "/files/{kind}/{path}"


def test_images_are_public_and_cached_by_anyone_for_a_year() -> None:
    [route] = IMAGE_ROUTES
    assert route.key.path == "/api/v1/images/{type}/{size}/{path}"
    assert route.permission is PUBLIC
    assert route.cache is CacheCategory.IMAGE
    assert route.cache_control == "public, max-age=31536000, immutable"
