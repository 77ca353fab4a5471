"""JSON shapes several features answer: users, tokens and sessions, a completed or pending
sign-in, library scans."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from aiohttp import web

from revenge_app.http.cookies import set_sign_in_cookies
from revenge_domain.identity import IssuedTokens, Session, SignedIn, User
from revenge_domain.libraries import LibraryScan
from revenge_domain.mfa.login import SecondFactorNeeded


def user_view(user: User) -> dict[str, Any]:
    view: dict[str, Any] = {
        "id": str(user.id),
        "username": user.username,
        "email": user.email,
        "locale": user.locale,
        "timezone": user.timezone,
        "is_active": user.is_active,
        "is_admin": user.is_admin,
        "email_verified": user.email_verified,
        "created_at": _time(user.created_at),
    }
    if user.display_name is not None:
        view["display_name"] = user.display_name
    if user.last_login_at is not None:
        view["last_login_at"] = _time(user.last_login_at)
    return view


def session_view(session: Session, current: UUID | None, now: datetime) -> dict[str, Any]:
    view: dict[str, Any] = {
        "id": str(session.id),
        "ip_address": session.ip_address,
        "created_at": _time(session.created_at),
        "last_activity_at": _time(session.last_activity_at),
        "expires_at": _time(session.expires_at),
        "is_active": session.is_live(now),
        "is_current": session.id == current,
    }
    if session.device_name is not None:
        view["device_name"] = session.device_name
    if session.user_agent is not None:
        view["user_agent"] = session.user_agent
    return view


def tokens_view(tokens: IssuedTokens) -> dict[str, Any]:
    return {
        "access_token": tokens.access_token,
        "refresh_token": tokens.refresh_token,
        "expires_in": tokens.expires_in,
    }


def _time(value: datetime) -> str:
    return value.isoformat()


def _maybe_time(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def signed_in_response(request: web.Request, signed_in: SignedIn) -> web.Response:
    """The answer to a completed sign-in: user and tokens, and the sign-in cookies."""
    view = {"user": user_view(signed_in.user), **tokens_view(signed_in.tokens)}
    response = web.json_response(view)
    set_sign_in_cookies(response, request, signed_in.tokens)
    return response


def second_factor_view(needed: SecondFactorNeeded) -> dict[str, Any]:
    return {
        "mfa_required": True,
        "mfa_token": needed.token,
        "expires_in": needed.expires_in,
        "methods": [method.value for method in needed.methods],
    }


def scan_view(scan: LibraryScan) -> dict[str, Any]:
    """The scan; error message and times are left out while unknown (the contract has no null)."""
    view = {
        "id": str(scan.id),
        "library_id": str(scan.library_id),
        "scan_type": scan.scan_type,
        "status": scan.status,
        "items_scanned": scan.items_scanned,
        "items_added": scan.items_added,
        "items_updated": scan.items_updated,
        "items_removed": scan.items_removed,
        "error_count": scan.error_count,
        "error_message": scan.error_message,
        "started_at": _maybe_time(scan.started_at),
        "completed_at": _maybe_time(scan.completed_at),
        "created_at": _maybe_time(scan.created_at),
    }
    return {name: value for name, value in view.items() if value is not None}
