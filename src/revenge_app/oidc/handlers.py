"""Handlers of OIDC sign-in (/api/v1/oidc, /api/v1/users/me/oidc) and of its admin side.

Signing in through a provider needs no credentials; links belong to the signed-in user;
provider settings are the admin's.
"""

from __future__ import annotations

import functools
import logging
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

from aiohttp import web

from revenge_app.http.answers import json_response, unstructured
from revenge_app.http.cookies import set_sign_in_cookies
from revenge_app.http.errors import ApiError
from revenge_app.http.routes import PUBLIC, Handler, Operations
from revenge_app.http.state import body_of, params_of, principal_of
from revenge_app.oidc.container import OIDC
from revenge_domain.errors import InvalidInput
from revenge_domain.identity import ClientInfo, SignedIn
from revenge_domain.mfa.login import SecondFactorNeeded
from revenge_domain.oidc import (
    LinkView,
    OidcProviders,
    OidcProviderUnavailable,
    OidcSignIn,
)

OPERATIONS = Operations()
operation = OPERATIONS.operation
log = logging.getLogger(__name__)
UNAVAILABLE = "the sign-in provider is not available at the moment"

# API field -> entity field, where they differ.
_RENAMED = {"user_info_endpoint": "userinfo_endpoint"}


def provider_failures(handler: Handler) -> Handler:
    """A provider that cannot be reached answers 503, not a client error; what went wrong is
    logged, never told (callers are not signed in, and would learn what the server can reach)."""

    @functools.wraps(handler)
    async def answer(request: web.Request) -> web.StreamResponse:
        try:
            return await handler(request)
        except OidcProviderUnavailable as exc:
            log.warning("OIDC provider unavailable: %s", exc.message)
            raise ApiError(503, exc.code, UNAVAILABLE) from None

    return answer


def _sign_in(request: web.Request) -> OidcSignIn:
    return request.app[OIDC].sign_in


def _admin(request: web.Request) -> OidcProviders:
    return request.app[OIDC].providers


def _client(request: web.Request) -> ClientInfo:
    return ClientInfo(address=request.remote or "", user_agent=request.headers.get("User-Agent"))


@operation("listOIDCProviders", permission=PUBLIC)
async def list_providers(request: web.Request) -> web.Response:
    providers = await _sign_in(request).enabled_providers()
    views = [
        {"name": p.name, "display_name": p.display_name, "is_default": p.is_default}
        for p in providers
    ]
    return json_response({"providers": views, "total": len(views)})


@operation("oidcAuthorize", permission=PUBLIC)
@provider_failures
async def authorize(request: web.Request) -> web.StreamResponse:
    params = params_of(request)
    return_to = params.get("redirect_url")
    url = await _sign_in(request).authorize(
        params.text("provider"), str(return_to) if return_to else None
    )
    return json_response({"auth_url": url})


@operation("oidcCallback", permission=PUBLIC)
@provider_failures
async def callback(request: web.Request) -> web.StreamResponse:
    """JSON like a password sign-in; a 302 to `redirect_url` (cookies set) when the sign-in
    began with one."""
    params = params_of(request)
    if params.get("error"):
        reason = f"{params.get('error')}: {params.get('error_description') or ''}".rstrip(": ")
        raise InvalidInput(f"the provider refused the sign-in ({reason})", {"field": "error"})
    result = await _sign_in(request).callback(
        params.text("provider"), params.text("code"), params.text("state"), _client(request)
    )
    outcome, return_to = result.outcome, result.return_to
    if isinstance(outcome, LinkView):
        return _redirect(return_to) if return_to else json_response(outcome)
    if isinstance(outcome, SecondFactorNeeded):
        if return_to:
            return _redirect(f"{return_to}#{urlencode(unstructured(outcome), doseq=True)}")
        return json_response(outcome)
    if return_to:
        found = _redirect(return_to)
        set_sign_in_cookies(found, request, outcome.tokens)
        return found
    return _signed_in(request, outcome)


def _redirect(location: str) -> web.Response:
    return web.Response(status=302, headers={"Location": location})


def _signed_in(request: web.Request, signed_in: SignedIn) -> web.Response:
    view = {"user": signed_in.user, "token_type": "Bearer", **unstructured(signed_in.tokens)}
    response = json_response(view)
    set_sign_in_cookies(response, request, signed_in.tokens)
    return response


@operation("listUserOIDCLinks", permission="profile:read")
async def list_links(request: web.Request) -> web.Response:
    links = await _sign_in(request).links_of(principal_of(request).user_id)
    return json_response({"links": links, "total": len(links)})


@operation("initOIDCLink", permission="profile:update")
@provider_failures
async def begin_link(request: web.Request) -> web.StreamResponse:
    user_id = principal_of(request).user_id
    url = await _sign_in(request).authorize(params_of(request).text("provider"), user_id=user_id)
    return json_response({"auth_url": url})


@operation("unlinkOIDCProvider", permission="profile:update")
async def unlink(request: web.Request) -> web.Response:
    await _sign_in(request).unlink(
        principal_of(request).user_id, params_of(request).text("provider"), _client(request)
    )
    return web.Response(status=204)


@operation("adminListOIDCProviders", permission="admin:*")
async def admin_list(request: web.Request) -> web.Response:
    providers = await _admin(request).all()
    return json_response({"providers": providers, "total": len(providers)})


@operation("adminCreateOIDCProvider", permission="admin:*")
async def admin_create(request: web.Request) -> web.Response:
    body: dict[str, Any] = body_of(request)
    fields = _fields(body)
    name, secret = fields.pop("name"), fields.pop("client_secret")
    provider = await _admin(request).create(name, secret, fields, principal_of(request).user_id)
    return json_response(provider, status=201)


@operation("adminGetOIDCProvider", permission="admin:*")
async def admin_get(request: web.Request) -> web.Response:
    provider = await _admin(request).get(params_of(request).uuid("providerId"))
    return json_response(provider)


@operation("adminUpdateOIDCProvider", permission="admin:*")
async def admin_update(request: web.Request) -> web.Response:
    provider = await _admin(request).update(
        params_of(request).uuid("providerId"),
        _fields(body_of(request) or {}),
        principal_of(request).user_id,
    )
    return json_response(provider)


@operation("adminDeleteOIDCProvider", permission="admin:*")
async def admin_delete(request: web.Request) -> web.Response:
    await _admin(request).delete(params_of(request).uuid("providerId"), _actor(request))
    return web.Response(status=204)


@operation("adminEnableOIDCProvider", permission="admin:*")
async def admin_enable(request: web.Request) -> web.Response:
    await _admin(request).set_enabled(params_of(request).uuid("providerId"), True, _actor(request))
    return web.Response(status=204)


@operation("adminDisableOIDCProvider", permission="admin:*")
async def admin_disable(request: web.Request) -> web.Response:
    await _admin(request).set_enabled(params_of(request).uuid("providerId"), False, _actor(request))
    return web.Response(status=204)


@operation("adminSetDefaultOIDCProvider", permission="admin:*")
async def admin_set_default(request: web.Request) -> web.Response:
    await _admin(request).make_default(params_of(request).uuid("providerId"), _actor(request))
    return web.Response(status=204)


def _actor(request: web.Request) -> UUID:
    return principal_of(request).user_id


def _fields(body: dict[str, Any]) -> dict[str, Any]:
    return {_RENAMED.get(name, name): value for name, value in body.items()}
