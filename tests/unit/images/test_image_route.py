"""The image route: a path parameter spanning segments, public, cached for a year."""

from __future__ import annotations

from aiohttp import web

from revenge_app.http import bundled_document
from revenge_app.http.document import OperationKey
from revenge_app.http.routes import PUBLIC, Binding, CacheCategory, Route, bound_routes
from tests.unit.whole_app import api_operations


async def nothing(request: web.Request) -> web.Response:
    return web.Response()


def test_a_parameter_pattern_is_left_out_of_the_operation_key() -> None:
    binding = Binding("getFile", nothing, permission=PUBLIC, patterns={"path": ".+"})
    route = Route.bind(OperationKey("GET", "/files/{kind}/{path}", "getFile"), binding)
    assert route.path == "/files/{kind}/{path:.+}"
    assert route.key.path == "/files/{kind}/{path}"


async def test_images_are_public_and_cached_by_anyone_for_a_year() -> None:
    routes = bound_routes(bundled_document(), api_operations())
    [route] = [route for route in routes if route.operation_id == "getProxiedImage"]
    assert route.key.path == "/api/v1/images/{type}/{size}/{path}"
    assert route.path == "/api/v1/images/{type}/{size}/{path:.+}"
    assert route.permission is PUBLIC
    assert route.cache is CacheCategory.IMAGE
    assert route.cache_control == "public, max-age=31536000, immutable"
