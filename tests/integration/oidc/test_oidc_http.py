"""OIDC sign-in through the real app, PostgreSQL and Redis, against a local OpenID provider
(discovery, authorize, token endpoint with RS256 ID tokens, JWKS) reached over HTTP."""

from __future__ import annotations

import contextlib
import secrets
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

import aiohttp
import asyncpg
import attrs
import pytest
from aiohttp.test_utils import TestServer
from dependency_injector import providers

from revenge_app.config import Config, OutboundConfig
from revenge_app.container import Container
from revenge_domain.mfa.totp import code_at, secret_key
from tests.integration.app_server import app_server
from tests.integration.oidc.fake_provider import FakeProvider
from tests.integration.support import LOOPBACK, PASSWORD, Client
from tests.unit.activity.fakes import RecordedActivity

ADMIN = "/api/v1/admin/oidc/providers"


@attrs.frozen
class World:
    client: Client
    provider: FakeProvider
    pg_url: str
    activity: RecordedActivity
    admin: dict[str, str]


async def stored_actions(world: World, user_id: uuid.UUID) -> list[str]:
    """The actions the log holds for `user_id` (changes write their entry themselves)."""
    connection = await asyncpg.connect(world.pg_url)
    try:
        rows = await connection.fetch(
            "SELECT action FROM public.activity_log WHERE user_id = $1", user_id
        )
    finally:
        await connection.close()
    return [row["action"] for row in rows]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
async def world(config: Config) -> AsyncIterator[World]:
    async with oidc_world(config, LOOPBACK) as opened:
        yield opened


@contextlib.asynccontextmanager
async def oidc_world(
    config: Config, outbound: OutboundConfig, host: str = "127.0.0.1"
) -> AsyncIterator[World]:
    """The app with OIDC sign-in, and a provider at `host` (the issuer's host name)."""
    fake = FakeProvider()
    activity = RecordedActivity()

    def recorded(container: Container) -> None:
        container.core.activity_log.override(providers.Object(activity))

    async with TestServer(fake.app()) as provider_server:
        fake.issuer = f"http://{host}:{provider_server.port}"
        config = attrs.evolve(config, outbound=outbound)
        async with app_server(config, recorded) as server:
            admin = await _admin(server.client, server.pg_url)
            yield World(server.client, fake, server.pg_url, activity, admin)


async def _admin(client: Client, pg_url: str) -> dict[str, str]:
    _name, token, user_id = await signed_up(client)
    connection = await asyncpg.connect(pg_url)
    try:
        await connection.execute(
            "INSERT INTO shared.user_roles (user_id, role) VALUES ($1, 'admin') "
            "ON CONFLICT DO NOTHING",
            user_id,
        )
    finally:
        await connection.close()
    return bearer(token)


async def signed_up(client: Client) -> tuple[str, str, uuid.UUID]:
    """A fresh password account, signed in: name, access token, id."""
    name = f"o{secrets.token_hex(5)}"
    body = {"username": name, "email": f"{name}@example.com", "password": PASSWORD}
    registered = await client.post("/api/v1/auth/register", json=body)
    assert registered.status == 201
    login = await client.post("/api/v1/auth/login", json={"username": name, "password": PASSWORD})
    assert login.status == 200
    client.session.cookie_jar.clear()
    return name, (await login.json())["access_token"], uuid.UUID((await registered.json())["id"])


async def add_provider(world: World, **fields: Any) -> dict[str, Any]:
    body = {
        "name": f"idp-{secrets.token_hex(3)}",
        "display_name": "Test IdP",
        "issuer_url": world.provider.issuer,
        "client_id": world.provider.client_id,
        "client_secret": world.provider.client_secret,
        **fields,
    }
    response = await world.client.post(ADMIN, json=body, headers=world.admin)
    assert response.status == 201, await response.text()
    created: dict[str, Any] = await response.json()
    return created


def identity(**claims: Any) -> dict[str, Any]:
    name = f"p{secrets.token_hex(4)}"
    return {
        "sub": f"sub-{secrets.token_hex(6)}",
        "email": f"{name}@idp.example",
        "email_verified": True,
        "preferred_username": name,
        "name": "Pat Example",
        **claims,
    }


async def through_provider(world: World, auth_url: str) -> str:
    """Follow the provider's redirect as a browser would: the callback path with its query."""
    async with (
        aiohttp.ClientSession() as browser,
        browser.get(auth_url, allow_redirects=False) as response,
    ):
        assert response.status == 302, await response.text()
        location = urlsplit(response.headers["Location"])
    return f"{location.path}?{location.query}"


async def start(world: World, name: str, redirect_url: str | None = None) -> str:
    query = {"redirect_url": redirect_url} if redirect_url else None
    response = await world.client.get(f"/api/v1/oidc/auth/{name}", params=query)
    assert response.status == 200, await response.text()
    auth_url: str = (await response.json())["auth_url"]
    return auth_url


async def sign_in(world: World, name: str, claims: dict[str, Any]) -> aiohttp.ClientResponse:
    world.provider.next_claims = claims
    callback = await through_provider(world, await start(world, name))
    return await world.client.get(callback, allow_redirects=False)


async def error_of(response: aiohttp.ClientResponse, status: int) -> dict[str, Any]:
    assert response.status == status, await response.text()
    body: dict[str, Any] = await response.json()
    assert body["code"] == status
    assert body["message"]
    return body


async def test_admin_creates_a_provider_whose_secret_never_leaves(world: World) -> None:
    created = await add_provider(world, scopes=["openid", "email"], is_default=True)
    assert "client_secret" not in created
    assert created["is_default"] is True
    assert created["scopes"] == ["openid", "email"]
    assert created["is_enabled"] is True
    assert created["claim_mappings"]["username"] == "preferred_username"
    got = await world.client.get(f"{ADMIN}/{created['id']}", headers=world.admin)
    listed = await world.client.get(ADMIN, headers=world.admin)
    assert "client_secret" not in await got.text()
    assert world.provider.client_secret not in await listed.text()
    connection = await asyncpg.connect(world.pg_url)
    try:
        stored = await connection.fetchval(
            "SELECT client_secret_encrypted FROM shared.oidc_providers WHERE name = $1",
            created["name"],
        )
    finally:
        await connection.close()
    assert world.provider.client_secret.encode() not in stored
    second = await add_provider(world, is_default=True)
    first = await (await world.client.get(f"{ADMIN}/{created['id']}", headers=world.admin)).json()
    assert first["is_default"] is False
    assert second["is_default"] is True
    changed = await world.client.patch(
        f"{ADMIN}/{created['id']}", json={"display_name": "Renamed"}, headers=world.admin
    )
    assert (await changed.json())["display_name"] == "Renamed"
    clash_body = {
        "name": created["name"],
        "display_name": "Again",
        "issuer_url": world.provider.issuer,
        "client_id": "x",
        "client_secret": "x",
    }
    clash = await world.client.post(ADMIN, json=clash_body, headers=world.admin)
    await error_of(clash, 409)


async def test_public_list_shows_enabled_providers_only(world: World) -> None:
    shown = await add_provider(world)
    hidden = await add_provider(world)
    disabled = await world.client.post(f"{ADMIN}/{hidden['id']}/disable", headers=world.admin)
    assert disabled.status == 204
    body = await (await world.client.get("/api/v1/oidc/providers")).json()
    names = {p["name"] for p in body["providers"]}
    assert shown["name"] in names
    assert hidden["name"] not in names
    assert body["total"] == len(body["providers"])
    refused = await world.client.get(f"/api/v1/oidc/auth/{hidden['name']}")
    await error_of(refused, 404)
    enabled = await world.client.post(f"{ADMIN}/{hidden['id']}/enable", headers=world.admin)
    assert enabled.status == 204
    assert (await world.client.get(f"/api/v1/oidc/auth/{hidden['name']}")).status == 200


async def test_authorize_url_carries_state_nonce_and_pkce(world: World) -> None:
    provider = await add_provider(world)
    url = urlsplit(await start(world, provider["name"]))
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{world.provider.issuer}/authorize"
    assert query["response_type"] == "code"
    assert query["client_id"] == world.provider.client_id
    assert query["code_challenge_method"] == "S256"
    assert len(query["code_challenge"]) == 43
    assert len(query["state"]) >= 32
    assert len(query["nonce"]) >= 24
    assert query["redirect_uri"].endswith(f"/api/v1/oidc/callback/{provider['name']}")
    assert set(query["scope"].split()) == {"openid", "profile", "email"}


async def test_callback_creates_the_account_and_signs_it_in(world: World) -> None:
    provider = await add_provider(world)
    claims = identity()
    response = await sign_in(world, provider["name"], claims)
    assert response.status == 200, await response.text()
    body = await response.json()
    assert body["token_type"] == "Bearer"
    assert body["refresh_token"]
    assert body["user"]["username"] == claims["preferred_username"]
    assert body["user"]["email"] == claims["email"]
    assert body["user"]["email_verified"] is True
    assert "revenge_access_token" in response.cookies
    current = await world.client.get(
        "/api/v1/sessions/current", headers=bearer(body["access_token"])
    )
    assert current.status == 200
    again = await sign_in(world, provider["name"], {**claims, "preferred_username": "other"})
    assert (await again.json())["user"]["id"] == body["user"]["id"]
    actions = [e.action for e in world.activity.events]
    assert actions.count("oidc.login") == 2
    assert "oidc.link" in await stored_actions(world, uuid.UUID(body["user"]["id"]))


async def test_verified_email_signs_in_the_existing_account(world: World) -> None:
    provider = await add_provider(world)
    name, _, user_id = await signed_up(world.client)
    unverified = await sign_in(
        world, provider["name"], identity(email=f"{name}@example.com", email_verified=False)
    )
    await error_of(unverified, 409)
    verified = await sign_in(world, provider["name"], identity(email=f"{name}@example.com"))
    assert (await verified.json())["user"]["id"] == str(user_id)


async def test_new_accounts_only_when_the_provider_allows_it(world: World) -> None:
    provider = await add_provider(world, auto_create_users=False)
    await error_of(await sign_in(world, provider["name"], identity()), 403)


async def test_bad_and_replayed_state_are_refused(world: World) -> None:
    provider = await add_provider(world)
    world.provider.next_claims = identity()
    callback = await through_provider(world, await start(world, provider["name"]))
    forged = callback.replace("state=", "state=x")
    await error_of(await world.client.get(forged), 400)
    assert (await world.client.get(callback)).status == 200
    body = await error_of(await world.client.get(callback), 400)
    assert body["details"]["field"] == "state"


@pytest.mark.parametrize("spoil", ["nonce", "audience", "expired", "signature", "issuer"])
async def test_id_tokens_failing_a_check_are_refused(world: World, spoil: str) -> None:
    provider = await add_provider(world)
    world.provider.spoil = spoil
    body = await error_of(await sign_in(world, provider["name"], identity()), 401)
    assert body["error"] == "invalid_id_token"
    assert any(e.action == "oidc.login.failed" for e in world.activity.events)


async def test_a_state_of_a_provider_disabled_since_is_refused(world: World) -> None:
    provider = await add_provider(world)
    world.provider.next_claims = identity()
    callback = await through_provider(world, await start(world, provider["name"]))
    await world.client.post(f"{ADMIN}/{provider['id']}/disable", headers=world.admin)
    await error_of(await world.client.get(callback), 404)


async def test_signed_in_user_links_and_unlinks_a_provider(world: World) -> None:
    provider = await add_provider(world)
    _, token, user_id = await signed_up(world.client)
    started = await world.client.post(
        f"/api/v1/users/me/oidc/{provider['name']}/link", headers=bearer(token)
    )
    assert started.status == 200
    world.provider.next_claims = identity()
    linked = await world.client.get(
        await through_provider(world, (await started.json())["auth_url"])
    )
    assert linked.status == 200
    assert (await linked.json())["provider_name"] == provider["name"]
    links = await (await world.client.get("/api/v1/users/me/oidc", headers=bearer(token))).json()
    assert [link["provider_name"] for link in links["links"]] == [provider["name"]]
    signed_in = await sign_in(world, provider["name"], world.provider.next_claims)
    assert (await signed_in.json())["user"]["id"] == str(user_id)
    unlinked = await world.client.delete(
        f"/api/v1/users/me/oidc/{provider['name']}", headers=bearer(token)
    )
    assert unlinked.status == 204
    links = await (await world.client.get("/api/v1/users/me/oidc", headers=bearer(token))).json()
    assert links == {"links": [], "total": 0}
    again = await world.client.delete(
        f"/api/v1/users/me/oidc/{provider['name']}", headers=bearer(token)
    )
    await error_of(again, 404)
    assert {"oidc.link", "oidc.unlink"} <= set(await stored_actions(world, user_id))


async def test_the_only_way_to_sign_in_cannot_be_unlinked(world: World) -> None:
    provider = await add_provider(world)
    body = await (await sign_in(world, provider["name"], identity())).json()
    refused = await world.client.delete(
        f"/api/v1/users/me/oidc/{provider['name']}", headers=bearer(body["access_token"])
    )
    await error_of(refused, 409)
    guessed = {"username": body["user"]["username"], "password": "any password at all"}
    await error_of(await world.client.post("/api/v1/auth/login", json=guessed), 401)


async def test_an_unreachable_provider_answers_503(world: World) -> None:
    provider = await add_provider(world, issuer_url="http://127.0.0.1:9")
    body = await error_of(await world.client.get(f"/api/v1/oidc/auth/{provider['name']}"), 503)
    assert body["error"] == "oidc_provider_unavailable"
    assert body["message"] == "the sign-in provider is not available at the moment"
    assert not body.get("details")
    assert (await world.client.get("/api/v1/oidc/providers")).status == 200


async def test_accounts_requiring_mfa_get_the_second_factor_step(world: World) -> None:
    provider = await add_provider(world)
    claims = identity()
    token = (await (await sign_in(world, provider["name"], claims)).json())["access_token"]
    world.client.session.cookie_jar.clear()
    setup = await world.client.post(
        "/api/v1/mfa/totp/setup", json={"account_name": "x"}, headers=bearer(token)
    )
    key = secret_key((await setup.json())["secret"])
    code = {"code": code_at(key, datetime.now(UTC))}
    verified = await world.client.post("/api/v1/mfa/totp/verify", json=code, headers=bearer(token))
    assert verified.status == 200
    assert (await world.client.post("/api/v1/mfa/enable", headers=bearer(token))).status == 200
    response = await sign_in(world, provider["name"], claims)
    body = await response.json()
    assert response.status == 200
    assert body["mfa_required"] is True
    assert body["methods"] == ["totp"]
    assert "access_token" not in body
    assert "revenge_access_token" not in response.cookies


async def test_a_redirect_url_ends_the_sign_in_with_a_redirect(world: World) -> None:
    provider = await add_provider(world)
    refused = await world.client.get(
        f"/api/v1/oidc/auth/{provider['name']}", params={"redirect_url": "https://evil.example/"}
    )
    await error_of(refused, 400)
    world.provider.next_claims = identity()
    callback = await through_provider(world, await start(world, provider["name"], "/welcome"))
    response = await world.client.get(callback, allow_redirects=False)
    assert response.status == 302
    assert response.headers["Location"] == "/welcome"
    assert "revenge_access_token" in response.cookies
