"""Handlers of /api/v1/auth: register, login, logout, refresh, change password."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from revenge_app.http.answers import json_response
from revenge_app.http.auth import REFRESH_COOKIE
from revenge_app.http.cookies import clear_sign_in_cookies, set_sign_in_cookies
from revenge_app.http.routes import PUBLIC, Operations
from revenge_app.http.state import CONFIG, body_of, principal_of
from revenge_app.http.views import signed_in_response
from revenge_app.identity.container import IDENTITY
from revenge_domain.errors import Unauthenticated
from revenge_domain.identity import ClientInfo
from revenge_domain.mfa.login import SecondFactorNeeded

OPERATIONS = Operations()
operation = OPERATIONS.operation


@operation("register", permission=PUBLIC)
async def register(request: web.Request) -> web.Response:
    body = body_of(request)
    user = await request.app[IDENTITY].register(
        body["username"], body["email"], body["password"], body.get("display_name")
    )
    return json_response(user, status=201)


@operation("login", permission=PUBLIC)
async def login(request: web.Request) -> web.Response:
    body = body_of(request)
    client = ClientInfo(
        address=request.remote or "",
        user_agent=request.headers.get("User-Agent"),
        device_name=body.get("device_name"),
    )
    outcome = await request.app[IDENTITY].second_factor(body["username"], body["password"], client)
    if isinstance(outcome, SecondFactorNeeded):
        return json_response(outcome)
    return signed_in_response(request, outcome)


@operation("logout", permission="profile:read")
async def logout(request: web.Request) -> web.Response:
    body: dict[str, Any] = body_of(request) or {}
    refresh_token = body.get("refresh_token") or request.cookies.get(REFRESH_COOKIE)
    await request.app[IDENTITY].logout(
        principal_of(request), refresh_token, bool(body.get("logout_all", False))
    )
    response = web.Response(status=204)
    clear_sign_in_cookies(response, request.app[CONFIG])
    return response


@operation("refreshToken", permission=PUBLIC)
async def refresh_token(request: web.Request) -> web.Response:
    """Body `refresh_token`, else the refresh cookie; answers a new pair and new cookies."""
    body: dict[str, Any] = body_of(request) or {}
    token = body.get("refresh_token") or request.cookies.get(REFRESH_COOKIE)
    if not token:
        raise Unauthenticated("send refresh_token in the body or the refresh cookie")
    tokens = await request.app[IDENTITY].refresh(token)
    response = json_response(tokens)
    set_sign_in_cookies(response, request, tokens)
    return response


@operation("changePassword", permission="profile:update")
async def change_password(request: web.Request) -> web.Response:
    body = body_of(request)
    principal = principal_of(request)
    await request.app[IDENTITY].change_password(
        principal.user_id, principal.session_id, body["old_password"], body["new_password"]
    )
    return web.Response(status=204)
