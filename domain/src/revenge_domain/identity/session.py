"""Sign-in sessions and the tokens that prove them."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from uuid import UUID

import attrs

REFRESH_TOKEN_BYTES = 32


@attrs.define
class Session:
    """One sign-in on one device; refresh tokens belong to it and rotate within it."""

    id: UUID
    user_id: UUID
    created_at: datetime
    last_activity_at: datetime
    expires_at: datetime
    ip_address: str = ""
    user_agent: str | None = None
    device_name: str | None = None
    revoked_at: datetime | None = None
    revoke_reason: str | None = None

    def is_live(self, now: datetime) -> bool:
        return self.revoked_at is None and now < self.expires_at


@attrs.frozen
class RefreshTokenRecord:
    """A stored refresh token: only its hash is kept. `replaced_at` is set when it rotated."""

    token_hash: str
    session_id: UUID
    created_at: datetime
    expires_at: datetime
    replaced_at: datetime | None = None


@attrs.frozen
class AccessClaims:
    """What a signed access token says: whose it is, which session, and when it expires."""

    user_id: UUID
    session_id: UUID
    issued_at: datetime
    expires_at: datetime


@attrs.frozen
class ClientInfo:
    """Where a sign-in comes from, as the session list shows it."""

    address: str
    user_agent: str | None = None
    device_name: str | None = None


@attrs.frozen
class IssuedTokens:
    access_token: str = attrs.field(repr=False)
    refresh_token: str = attrs.field(repr=False)
    expires_in: int
    session: Session


def new_refresh_token() -> str:
    return secrets.token_hex(REFRESH_TOKEN_BYTES)


def hash_token(token: str) -> str:
    """SHA-256 hex: refresh tokens are random and long, so a fast hash is enough."""
    return hashlib.sha256(token.encode()).hexdigest()
