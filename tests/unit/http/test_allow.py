"""A 405's `Allow` lists the methods of the route the path names: a literal path's own, not
those of the `{param}` route its path also fits."""

from __future__ import annotations

import pytest

from revenge_app.config import Config
from revenge_app.http import HttpDeps, create_app
from tests.unit.http.sample import serve
from tests.unit.whole_app import api_operations

CASES = [
    ("GET", "/api/v1/sessions/refresh", "POST"),
    ("PUT", "/api/v1/sessions/refresh", "POST"),
    ("DELETE", "/api/v1/tvshows/episodes/bulk-watched", "POST"),
    ("PUT", "/api/v1/users/me/avatar", "POST"),
    # A method the `{param}` route answers, on a path a literal route owns.
    ("GET", "/api/v1/users/me/avatar", "POST"),
    ("HEAD", "/api/v1/users/me/avatar", "POST"),
    ("GET", "/api/v1/tvshows/episodes/bulk-watched", "POST"),
    # The `{param}` routes keep theirs.
    ("POST", "/api/v1/sessions/0b5f3f7e-8d1c-4c55-9a2b-8f0f7f9d2c11", "DELETE"),
    ("POST", "/api/v1/users/0b5f3f7e-8d1c-4c55-9a2b-8f0f7f9d2c11/avatar", "GET,HEAD"),
]


@pytest.mark.parametrize(("method", "path", "allowed"), CASES)
async def test_allow_lists_the_methods_of_the_route_the_path_names(
    method: str, path: str, allowed: str
) -> None:
    app = create_app(Config(), HttpDeps(), operations=api_operations())
    async with serve(app) as client:
        response = await client.request(method, path)
        assert response.status == 405
        assert response.headers["Allow"] == allowed
        if method != "HEAD":
            assert (await response.json())["error"] == "method_not_allowed"
