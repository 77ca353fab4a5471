"""CSRF tokens bound to the session: an HMAC of the session id with the server's key, so a token
is worth nothing for another session, cannot be made up, and changes with every new session."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from uuid import UUID

from aiohttp import web

CSRF_KEY = web.AppKey("csrf_key", bytes)


def csrf_key(configured: bytes) -> bytes:
    """The configured key; without one (an app built for tests), a random key of this app's."""
    return configured or secrets.token_bytes(32)


def csrf_key_of(app: web.Application) -> bytes:
    return app[CSRF_KEY]


def csrf_token(key: bytes, session_id: UUID) -> str:
    return hmac.new(key, b"revenge-csrf:" + session_id.bytes, hashlib.sha256).hexdigest()


def is_csrf_token(key: bytes, session_id: UUID | None, sent: str) -> bool:
    if session_id is None:
        return False
    return hmac.compare_digest(csrf_token(key, session_id).encode(), sent.encode())
