"""Issuing a token pair for a session: a new refresh token (stored hashed) and an access token."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from revenge_domain.identity.ports import IdentityUnit, TokenSigner
from revenge_domain.identity.rules import AuthRules
from revenge_domain.identity.session import (
    AccessClaims,
    IssuedTokens,
    RefreshTokenRecord,
    Session,
    hash_token,
    new_refresh_token,
)

Units = Callable[[], IdentityUnit]
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


async def issue_tokens(
    unit: IdentityUnit, signer: TokenSigner, rules: AuthRules, session: Session, now: datetime
) -> IssuedTokens:
    """Store a fresh refresh token for the session (inside the open unit) and sign an access
    token naming it."""
    refresh = new_refresh_token()
    await unit.sessions.add_token(
        RefreshTokenRecord(
            token_hash=hash_token(refresh),
            session_id=session.id,
            created_at=now,
            expires_at=now + timedelta(seconds=rules.refresh_ttl_s),
        )
    )
    claims = AccessClaims(
        user_id=session.user_id,
        session_id=session.id,
        issued_at=now,
        expires_at=now + timedelta(seconds=rules.access_ttl_s),
    )
    return IssuedTokens(signer.sign(claims), refresh, rules.access_ttl_s, session)
