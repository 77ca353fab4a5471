"""Access control fails closed: with no way to authenticate, protected routes answer 401."""

from __future__ import annotations

import attrs

from revenge_app.http import HttpDeps, Operations, create_app
from tests.unit.http.sample import SAMPLE_DOCUMENT, SAMPLE_OPERATIONS, sample_config, serve


async def test_a_protected_route_without_an_authenticator_is_refused() -> None:
    operations = Operations(
        attrs.evolve(binding, permission="movies:list")
        if binding.operation_id == "listItems"
        else binding
        for binding in SAMPLE_OPERATIONS
    )
    app = create_app(sample_config(), HttpDeps(), operations=[operations], document=SAMPLE_DOCUMENT)
    async with serve(app) as client:
        refused = await client.get("/items")
        assert refused.status == 401
        assert (await refused.json())["error"] == "unauthenticated"
        assert (await client.get("/catalog")).status == 200
