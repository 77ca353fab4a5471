"""JSON shapes several features answer: sessions, a completed or pending sign-in."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from aiohttp import web

from revenge_app.http.answers import json_response, unstructured
from revenge_app.http.cookies import set_sign_in_cookies
from revenge_domain.identity import Session, SignedIn
from revenge_domain.mfa.login import SecondFactorNeeded


def session_view(session: Session, current: UUID | None, now: datetime) -> dict[str, Any]:
    view: dict[str, Any] = {
        "id": str(session.id),
        "ip_address": session.ip_address,
        "created_at": session.created_at.isoformat(),
        "last_activity_at": session.last_activity_at.isoformat(),
        "expires_at": session.expires_at.isoformat(),
        "is_active": session.is_live(now),
        "is_current": session.id == current,
    }
    if session.device_name is not None:
        view["device_name"] = session.device_name
    if session.user_agent is not None:
        view["user_agent"] = session.user_agent
    return view


def signed_in_response(request: web.Request, signed_in: SignedIn) -> web.Response:
    """The answer to a completed sign-in: user and tokens, and the sign-in cookies."""
    response = json_response({"user": signed_in.user, **unstructured(signed_in.tokens)})
    set_sign_in_cookies(response, request, signed_in.tokens)
    return response


def second_factor_view(needed: SecondFactorNeeded) -> dict[str, Any]:
    return {
        "mfa_required": True,
        "mfa_token": needed.token,
        "expires_in": needed.expires_in,
        "methods": [method.value for method in needed.methods],
    }
