"""Handlers of the email flows of /api/v1/auth: verify email, resend, forgot and reset password."""

from __future__ import annotations

from aiohttp import web

from revenge_app.http.detached import detached_of
from revenge_app.http.routes import PUBLIC, Operations
from revenge_app.http.state import body_of, principal_of
from revenge_app.identity.container import IDENTITY

OPERATIONS = Operations()
operation = OPERATIONS.operation

NO_CONTENT = 204


@operation("verifyEmail", permission=PUBLIC)
async def verify_email(request: web.Request) -> web.Response:
    await request.app[IDENTITY].verify_email(body_of(request)["token"])
    return web.Response(status=NO_CONTENT)


@operation("resendVerification", permission="profile:read")
async def resend_verification(request: web.Request) -> web.Response:
    await request.app[IDENTITY].send_verification.resend(principal_of(request))
    return web.Response(status=NO_CONTENT)


@operation("forgotPassword", permission=PUBLIC)
async def forgot_password(request: web.Request) -> web.Response:
    """204 whether or not an account has this address, in the same time: the lookup and the
    email happen after the answer."""
    forgot = request.app[IDENTITY].forgot_password
    detached_of(request).start(forgot(body_of(request)["email"]), "forgot-password")
    return web.Response(status=NO_CONTENT)


@operation("resetPassword", permission=PUBLIC)
async def reset_password(request: web.Request) -> web.Response:
    body = body_of(request)
    await request.app[IDENTITY].reset_password(body["token"], body["new_password"])
    return web.Response(status=NO_CONTENT)
