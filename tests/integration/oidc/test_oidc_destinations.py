"""OIDC issuers an admin configures are held to the outbound policy: on saving, and on every
request the server makes to them, redirects included; callers never learn what answered."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from revenge_app.config import Config, OutboundConfig
from tests.integration.oidc.test_oidc_http import (
    ADMIN,
    World,
    add_provider,
    error_of,
    identity,
    oidc_world,
    sign_in,
)

# Plain http to `localhost` alone (where the test provider is), its address 127.0.0.1 closed.
NAMED = OutboundConfig(allow_http=True, allowed_hosts=("localhost",))


@pytest.fixture
async def world(config: Config) -> AsyncIterator[World]:
    async with oidc_world(config, NAMED, host="localhost") as opened:
        yield opened


@pytest.fixture
async def redirector() -> AsyncIterator[str]:
    """An issuer at `localhost` whose discovery document redirects to 127.0.0.1."""
    hits: list[str] = []

    async def answer(request: web.Request) -> web.StreamResponse:
        hits.append(request.path)
        raise web.HTTPFound(f"http://127.0.0.1:{request.url.port}/private")

    app = web.Application()
    app.router.add_get("/{tail:.*}", answer)
    async with TestServer(app, host="127.0.0.1") as server:
        yield f"http://localhost:{server.port}"
    assert hits == ["/.well-known/openid-configuration"]


@pytest.mark.parametrize(
    ("field", "url"),
    [
        ("issuer_url", "http://127.0.0.1:5432"),
        ("issuer_url", "http://169.254.169.254/latest/meta-data"),
        ("issuer_url", "http://10.0.0.1"),
        ("issuer_url", "http://[::1]:6379"),
        ("issuer_url", "http://idp.example\x00.com"),
        ("issuer_url", "gopher://idp.example"),
        ("token_endpoint", "http://192.168.1.1/token"),
        ("jwks_uri", "http://0.0.0.0:8096/keys"),
    ],
)
async def test_special_destinations_are_refused_on_saving(
    world: World, field: str, url: str
) -> None:
    body = {
        "name": "bad-idp",
        "display_name": "Bad",
        "issuer_url": world.provider.issuer,
        "client_id": "c",
        "client_secret": "s",
        field: url,
    }
    response = await world.client.post(ADMIN, json=body, headers=world.admin)
    assert (await error_of(response, 400))["details"]["field"] == field


async def test_a_changed_issuer_is_checked_too(world: World) -> None:
    provider = await add_provider(world)
    changed = {"issuer_url": "http://169.254.169.254"}
    response = await world.client.patch(
        f"{ADMIN}/{provider['id']}", json=changed, headers=world.admin
    )
    await error_of(response, 400)


async def test_an_allowed_host_signs_in(world: World) -> None:
    provider = await add_provider(world)
    response = await sign_in(world, provider["name"], identity())
    assert response.status == 200, await response.text()


async def test_a_discovery_redirected_to_a_private_address_is_a_plain_503(
    world: World, redirector: str
) -> None:
    provider = await add_provider(world, issuer_url=redirector)
    for _ in range(3):
        answer = await world.client.get(f"/api/v1/oidc/auth/{provider['name']}")
        body = await error_of(answer, 503)
        assert body["message"] == "the sign-in provider is not available at the moment"
        assert "127.0.0.1" not in await answer.text()
