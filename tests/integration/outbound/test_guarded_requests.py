"""Every client of a configured URL refuses loopback and private destinations, redirects
included, unless the outbound policy opens them: a local server on 127.0.0.1 stands in for what an
attacker would point the server at."""

from __future__ import annotations

import collections
from collections.abc import AsyncIterator

import aiohttp
import attrs
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from revenge_adapters.integrations import ArrHttp
from revenge_adapters.metadata import TmdbProvider
from revenge_adapters.metadata.client import ProviderSettings
from revenge_adapters.oidc import AiohttpOidcClient
from revenge_adapters.outbound import OutboundPolicy, RefusedDestination
from revenge_domain.integrations.model import IntegrationUnreachable
from revenge_domain.metadata.errors import ProviderUnavailable
from revenge_domain.oidc.model import OidcProviderUnavailable

STRICT = OutboundPolicy()
# Plain http to the named host alone; its address (127.0.0.1) stays closed.
NAMED = OutboundPolicy(allow_http=True, allowed_hosts=frozenset({"localhost"}))
HOME = OutboundPolicy(allow_http=True, allow_private_addresses=True)


@attrs.define
class Target:
    port: int = 0
    hits: collections.Counter[str] = attrs.Factory(collections.Counter)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"


@pytest.fixture
async def target() -> AsyncIterator[Target]:
    state = Target()

    async def answer(request: web.Request) -> web.StreamResponse:
        state.hits[request.path] += 1
        if request.path.startswith("/to-private"):
            raise web.HTTPFound(state.url("/secret"))
        return web.json_response({"issuer": "x", "keys": []})

    app = web.Application()
    app.router.add_get("/{tail:.*}", answer)
    async with TestServer(app, host="127.0.0.1") as server:
        state.port = server.port
        yield state


async def get(policy: OutboundPolicy, url: str) -> int:
    async with policy.session() as session, session.get(url) as response:
        return response.status


async def test_a_loopback_address_is_refused_before_any_request(target: Target) -> None:
    with pytest.raises(RefusedDestination):
        await get(STRICT, target.url("/secret"))
    with pytest.raises(RefusedDestination):
        await get(OutboundPolicy(allow_http=True), target.url("/secret"))
    assert not target.hits


async def test_a_name_resolving_to_loopback_is_refused_at_connect(target: Target) -> None:
    """`localhost.` (a trailing dot) is a name the static check lets through: the resolver
    refuses its answer."""
    with pytest.raises(aiohttp.ClientError, match="non-public"):
        await get(OutboundPolicy(allow_http=True), target.url("/secret", "localhost."))
    assert not target.hits


async def test_a_redirect_to_a_private_address_is_refused(target: Target) -> None:
    with pytest.raises(RefusedDestination):
        await get(NAMED, target.url("/to-private", "localhost"))
    assert target.hits == {"/to-private": 1}


async def test_the_home_network_switch_opens_both(target: Target) -> None:
    assert await get(HOME, target.url("/to-private")) == 200
    assert target.hits == {"/to-private": 1, "/secret": 1}


async def test_radarr_and_sonarr_clients_follow_the_policy(target: Target) -> None:
    http = ArrHttp("Radarr", target.url(""), "key", 2.0, STRICT)
    try:
        with pytest.raises(IntegrationUnreachable):
            await http.get("/api/v3/system/status")
    finally:
        await http.close()
    opened = ArrHttp("Radarr", target.url(""), "key", 2.0, HOME)
    try:
        assert await opened.get("/api/v3/system/status") == {"issuer": "x", "keys": []}
    finally:
        await opened.close()
    assert target.hits == {"/api/v3/system/status": 1}


async def test_metadata_providers_follow_the_policy(target: Target) -> None:
    settings = ProviderSettings(name="tmdb", base_url=target.url("/3"), api_key="k")
    provider = TmdbProvider(settings)
    try:
        with pytest.raises(ProviderUnavailable):
            await provider.search_movies("Heat", "en")
    finally:
        await provider.close()
    assert not target.hits


async def test_oidc_discovery_follows_the_policy_and_remembers_a_failure(target: Target) -> None:
    client = AiohttpOidcClient(timeout_s=2.0, policy=NAMED)
    try:
        for _ in range(3):
            with pytest.raises(OidcProviderUnavailable):
                await client.discover(target.url("/to-private", "localhost"))
        with pytest.raises(OidcProviderUnavailable):
            await client.discover(target.url("/direct"))
    finally:
        await client.close()
    assert target.hits == {"/to-private/.well-known/openid-configuration": 1}
