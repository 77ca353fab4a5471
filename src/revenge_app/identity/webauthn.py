"""Handlers of /api/v1/mfa/webauthn: security key registration, sign-in and management.

Signing in with a security key needs no other credentials: login begin/finish are public.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from aiohttp import web

from revenge_app.http.answers import json_response, unstructured
from revenge_app.http.cookies import set_sign_in_cookies
from revenge_app.http.routes import PUBLIC, Operations
from revenge_app.http.state import (
    PRINCIPAL,
    body_of,
    params_of,
    pending_login_of,
    principal_of,
)
from revenge_app.identity.container import IDENTITY
from revenge_domain.identity import ClientInfo, IssuedTokens, Principal
from revenge_domain.mfa.login import PendingLogin
from revenge_domain.mfa.webauthn_second_factor import WebAuthnSecondFactor

OPERATIONS = Operations()
operation = OPERATIONS.operation


@operation("beginWebAuthnRegistration", permission="profile:update")
async def begin_registration(request: web.Request) -> web.Response:
    body: dict[str, Any] = body_of(request) or {}
    principal = principal_of(request)
    start = await request.app[IDENTITY].webauthn_registration.begin(
        principal.user_id, principal.username, body.get("credential_name")
    )
    return json_response({"options": start.options, "credential_name": start.credential_name})


@operation("finishWebAuthnRegistration", permission="profile:update")
async def finish_registration(request: web.Request) -> web.Response:
    body = body_of(request)
    await request.app[IDENTITY].webauthn_registration.finish(
        principal_of(request).user_id, body["credential"], body.get("credential_name")
    )
    return json_response(
        {"success": True, "message": "WebAuthn credential registered successfully"}
    )


@operation("beginWebAuthnLogin", permission=PUBLIC)
async def begin_login(request: web.Request) -> web.Response:
    """With a pending sign-in token: only that user's keys, as its second factor. Signed in:
    only the caller's keys. Otherwise any discoverable key."""
    pending = pending_login_of(request)
    if pending is not None:
        options = await _second_factor(request).begin(pending)
        return json_response({"options": options})
    principal: Principal | None = request.get(PRINCIPAL)
    user_id = principal.user_id if principal is not None else None
    options = await request.app[IDENTITY].webauthn_login.begin(user_id)
    return json_response({"options": options})


@operation("finishWebAuthnLogin", permission=PUBLIC)
async def finish_login(request: web.Request) -> web.Response:
    """A verified assertion signs its owner in: a new session, as after a password login. With
    a pending sign-in token it completes that sign-in instead (and only with that user's key)."""
    client = ClientInfo(address=request.remote or "", user_agent=request.headers.get("User-Agent"))
    credential = body_of(request)["credential"]
    pending = pending_login_of(request)
    if pending is not None:
        return await _finish_pending(request, pending, credential, client)
    signed_in = await request.app[IDENTITY].webauthn_login.finish(credential, client)
    return _signed_in(request, signed_in.credential.user_id, signed_in.tokens, {})


async def _finish_pending(
    request: web.Request, pending: PendingLogin, credential: Any, client: ClientInfo
) -> web.Response:
    signed_in = await _second_factor(request).finish(pending, credential, client)
    user = {"user": signed_in.user}
    return _signed_in(request, signed_in.user.id, signed_in.tokens, user)


def _signed_in(
    request: web.Request, user_id: UUID, tokens: IssuedTokens, extra: dict[str, Any]
) -> web.Response:
    view = {
        "success": True,
        "message": "WebAuthn verification successful",
        "user_id": str(user_id),
        **extra,
        **unstructured(tokens),
    }
    response = json_response(view)
    set_sign_in_cookies(response, request, tokens)
    return response


def _second_factor(request: web.Request) -> WebAuthnSecondFactor:
    identity = request.app[IDENTITY]
    return WebAuthnSecondFactor(identity.webauthn_login, identity.second_factor)


@operation("listWebAuthnCredentials", permission="profile:read")
async def list_credentials(request: web.Request) -> web.Response:
    found = await request.app[IDENTITY].webauthn_credentials.list(principal_of(request).user_id)
    return json_response({"credentials": found, "count": len(found)})


@operation("renameWebAuthnCredential", permission="profile:update")
async def rename_credential(request: web.Request) -> web.Response:
    await request.app[IDENTITY].webauthn_credentials.rename(
        principal_of(request).user_id,
        params_of(request).uuid("credentialId"),
        body_of(request)["name"],
    )
    return json_response({"success": True})


@operation("deleteWebAuthnCredential", permission="profile:update")
async def delete_credential(request: web.Request) -> web.Response:
    await request.app[IDENTITY].webauthn_credentials.delete(
        principal_of(request).user_id, params_of(request).uuid("credentialId")
    )
    return web.Response(status=204)
