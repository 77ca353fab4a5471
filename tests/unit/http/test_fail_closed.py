"""Access control fails closed: with no way to authenticate, protected routes answer 401."""

from __future__ import annotations

import attrs

from revenge_app.http import HttpDeps, create_app
from tests.unit.http.sample import SAMPLE_DOCUMENT, sample_config, sample_routes, serve


async def test_a_protected_route_without_an_authenticator_is_refused() -> None:
    routes = [
        attrs.evolve(route, permission="movies:list") if route.path == "/items" else route
        for route in sample_routes()
    ]
    app = create_app(sample_config(), HttpDeps(), routes=routes, document=SAMPLE_DOCUMENT)
    async with serve(app) as client:
        refused = await client.get("/items")
        assert refused.status == 401
        assert (await refused.json())["error"] == "unauthenticated"
        assert (await client.get("/catalog")).status == 200
