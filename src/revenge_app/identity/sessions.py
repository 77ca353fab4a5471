"""Handlers of /api/v1/sessions: the caller's own sign-in sessions."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from aiohttp import web

from revenge_app.http.answers import json_response, unstructured
from revenge_app.http.cookies import clear_sign_in_cookies
from revenge_app.http.routes import PUBLIC, Operations
from revenge_app.http.state import CONFIG, body_of, params_of, principal_of
from revenge_app.identity.container import IDENTITY
from revenge_domain.identity import Session

OPERATIONS = Operations()
operation = OPERATIONS.operation


@operation("listSessions", permission="profile:read")
async def list_sessions(request: web.Request) -> web.Response:
    principal = principal_of(request)
    sessions = await request.app[IDENTITY].sessions.list(principal)
    now = datetime.now(UTC)
    answers = [_session_answer(session, principal.session_id, now) for session in sessions]
    return json_response({"sessions": answers, "total": len(answers)})


@operation("getCurrentSession", permission="profile:read")
async def get_current_session(request: web.Request) -> web.Response:
    principal = principal_of(request)
    session = await request.app[IDENTITY].sessions.current(principal)
    return json_response(_session_answer(session, principal.session_id, datetime.now(UTC)))


@operation("logoutCurrent", permission="profile:read")
async def logout_current(request: web.Request) -> web.Response:
    await request.app[IDENTITY].logout(principal_of(request))
    response = web.Response(status=204)
    clear_sign_in_cookies(response, request.app[CONFIG])
    return response


@operation("logoutAll", permission="profile:read")
async def logout_all(request: web.Request) -> web.Response:
    """Every session except the caller's own."""
    await request.app[IDENTITY].sessions.revoke_others(principal_of(request))
    return web.Response(status=204)


@operation("revokeSession", permission="profile:read")
async def revoke_session(request: web.Request) -> web.Response:
    session_id = params_of(request).uuid("sessionId")
    await request.app[IDENTITY].sessions.revoke(principal_of(request), session_id)
    return web.Response(status=204)


@operation("refreshSession", permission=PUBLIC)
async def refresh_session(request: web.Request) -> web.Response:
    tokens = await request.app[IDENTITY].refresh(body_of(request)["refresh_token"])
    return json_response(tokens)


def _session_answer(session: Session, current: UUID | None, now: datetime) -> dict[str, Any]:
    """The session, whether it is live now and whether it is the caller's own."""
    body: dict[str, Any] = unstructured(session)
    return {**body, "is_active": session.is_live(now), "is_current": session.id == current}
