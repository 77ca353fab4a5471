"""Handlers of /api/v1/mfa/webauthn: security key registration, sign-in and management."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from revenge_app.http.cookies import set_sign_in_cookies
from revenge_app.http.handlers.views import tokens_view
from revenge_app.http.handlers.wiring import use_cases, wired
from revenge_app.http.state import CONFIG, PRINCIPAL, body_of, params_of, principal_of
from revenge_domain.identity import ClientInfo, Principal
from revenge_domain.mfa.webauthn import WebAuthnCredential


def credential_view(credential: WebAuthnCredential) -> dict[str, Any]:
    view: dict[str, Any] = {
        "id": str(credential.id),
        "name": credential.name or "",
        "created_at": credential.created_at.isoformat(),
        "backup_eligible": credential.backup_eligible,
        "backup_state": credential.backup_state,
        "clone_detected": credential.clone_detected,
    }
    if credential.last_used_at is not None:
        view["last_used_at"] = credential.last_used_at.isoformat()
    return view


async def begin_registration(request: web.Request) -> web.Response:
    body: dict[str, Any] = body_of(request) or {}
    principal = principal_of(request)
    start = await wired(use_cases(request).webauthn_registration).begin(
        principal.user_id, principal.username, body.get("credential_name")
    )
    return web.json_response({"options": start.options, "credential_name": start.credential_name})


async def finish_registration(request: web.Request) -> web.Response:
    body = body_of(request)
    await wired(use_cases(request).webauthn_registration).finish(
        principal_of(request).user_id, body["credential"], body.get("credential_name")
    )
    return web.json_response(
        {"success": True, "message": "WebAuthn credential registered successfully"}
    )


async def begin_login(request: web.Request) -> web.Response:
    """Signed in: only the caller's keys are offered; otherwise any discoverable key."""
    principal: Principal | None = request.get(PRINCIPAL)
    user_id = principal.user_id if principal is not None else None
    options = await wired(use_cases(request).webauthn_login).begin(user_id)
    return web.json_response({"options": options})


async def finish_login(request: web.Request) -> web.Response:
    """A verified assertion signs its owner in: a new session, as after a password login."""
    client = ClientInfo(address=request.remote or "", user_agent=request.headers.get("User-Agent"))
    signed_in = await wired(use_cases(request).webauthn_login).finish(
        body_of(request)["credential"], client
    )
    view = {
        "success": True,
        "message": "WebAuthn verification successful",
        "user_id": str(signed_in.credential.user_id),
        **tokens_view(signed_in.tokens),
    }
    response = web.json_response(view)
    set_sign_in_cookies(response, request.app[CONFIG], signed_in.tokens)
    return response


async def list_credentials(request: web.Request) -> web.Response:
    found = await wired(use_cases(request).webauthn_credentials).list(principal_of(request).user_id)
    return web.json_response(
        {"credentials": [credential_view(c) for c in found], "count": len(found)}
    )


async def rename_credential(request: web.Request) -> web.Response:
    await wired(use_cases(request).webauthn_credentials).rename(
        principal_of(request).user_id,
        params_of(request).uuid("credentialId"),
        body_of(request)["name"],
    )
    return web.json_response({"success": True})


async def delete_credential(request: web.Request) -> web.Response:
    await wired(use_cases(request).webauthn_credentials).delete(
        principal_of(request).user_id, params_of(request).uuid("credentialId")
    )
    return web.Response(status=204)
