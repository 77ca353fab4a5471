"""Handlers of /api/v1/mfa: status, TOTP, backup codes, requiring MFA, and the second factor
that completes a pending sign-in.

verifyTOTP and verifyBackupCode also take a pending sign-in token (see `http/auth.py`).
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from revenge_app.http.answers import json_response
from revenge_app.http.qr import qr_png_base64
from revenge_app.http.routes import Operations
from revenge_app.http.state import body_of, pending_login_of, principal_of
from revenge_app.http.views import signed_in_response
from revenge_app.identity.container import IDENTITY
from revenge_domain.errors import InvalidInput
from revenge_domain.identity import ClientInfo
from revenge_domain.mfa.account import MfaAccount
from revenge_domain.mfa.login import PendingLogin, SignInWithSecondFactor

OPERATIONS = Operations()
operation = OPERATIONS.operation


def _mfa(request: web.Request) -> MfaAccount:
    return request.app[IDENTITY].mfa


def _sign_in(request: web.Request) -> SignInWithSecondFactor:
    return request.app[IDENTITY].second_factor


def _client(request: web.Request) -> ClientInfo:
    return ClientInfo(address=request.remote or "", user_agent=request.headers.get("User-Agent"))


@operation("getMFAStatus", permission="profile:read")
async def get_mfa_status(request: web.Request) -> web.Response:
    status = await _mfa(request).status(principal_of(request).user_id)
    return json_response(status)


@operation("setupTOTP", permission="profile:update")
async def setup_totp(request: web.Request) -> web.Response:
    principal = principal_of(request)
    account_name = body_of(request).get("account_name") or principal.username
    setup = await _mfa(request).begin_totp_setup(principal.user_id, account_name)
    return json_response(
        {"secret": setup.secret, "qr_code": qr_png_base64(setup.uri), "url": setup.uri}
    )


@operation("verifyTOTP", permission="profile:update")
async def verify_totp(request: web.Request) -> web.Response:
    """With a pending sign-in token: finish signing in. Otherwise: confirm the enrolment."""
    code = body_of(request)["code"]
    pending = pending_login_of(request)
    if pending is not None:
        signed_in = await _sign_in(request).with_totp(pending, code, _client(request))
        return signed_in_response(request, signed_in)
    if not await _mfa(request).verify_totp(principal_of(request).user_id, code):
        raise InvalidInput("the code is not valid", {"field": "code", "reason": "wrong or used"})
    return json_response({"success": True, "message": "TOTP is enabled"})


@operation("verifyBackupCode", permission="profile:update")
async def verify_backup_code(request: web.Request) -> web.Response:
    pending = _pending(request)
    code = body_of(request)["code"]
    signed_in = await _sign_in(request).with_backup_code(pending, code, _client(request))
    return signed_in_response(request, signed_in)


@operation("disableTOTP", permission="profile:update")
async def disable_totp(request: web.Request) -> web.Response:
    body: dict[str, Any] = body_of(request) or {}
    principal = principal_of(request)
    confirmed = False
    if body.get("password") is not None:
        confirmed = await _sign_in(request).confirm_password(principal.user_id, body["password"])
        if not confirmed:
            raise InvalidInput(
                "password is not the current password",
                {"field": "password", "reason": "is not the current password"},
            )
    await _mfa(request).disable_totp(
        principal.user_id, code=body.get("code"), password_confirmed=confirmed
    )
    return web.Response(status=204)


@operation("generateBackupCodes", permission="profile:update")
@operation("regenerateBackupCodes", permission="profile:update")
async def generate_backup_codes(request: web.Request) -> web.Response:
    codes = await _mfa(request).generate_backup_codes(principal_of(request).user_id)
    return json_response({"codes": codes, "count": len(codes)})


@operation("enableMFA", permission="profile:update")
async def enable_mfa(request: web.Request) -> web.Response:
    await _mfa(request).require(principal_of(request).user_id)
    return json_response({"success": True})


@operation("disableMFA", permission="profile:update")
async def disable_mfa(request: web.Request) -> web.Response:
    await _mfa(request).stop_requiring(principal_of(request).user_id)
    return json_response({"success": True})


def _pending(request: web.Request) -> PendingLogin:
    pending = pending_login_of(request)
    if pending is None:
        raise InvalidInput(
            "no sign-in is waiting for a second factor; send the login's mfa_token as the"
            " bearer token",
            {"field": "Authorization", "reason": "not a pending sign-in token"},
        )
    return pending
