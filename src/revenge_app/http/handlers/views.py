"""JSON shapes of identity values, as the API document names them."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from revenge_domain.identity import IssuedTokens, Session, User


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
