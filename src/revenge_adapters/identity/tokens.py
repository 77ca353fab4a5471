"""Access tokens as HS256 JWTs (claims `sub`, `sid`, `iat`, `exp` in seconds)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

import jwt

from revenge_domain.errors import Unauthenticated
from revenge_domain.identity import AccessClaims

ALGORITHM = "HS256"
MIN_SECRET_LENGTH = 32
# Verified tokens remembered per process (a client sends the same token with every request);
# forgotten all at once when full.
VERIFIED_MAX = 10_000


class JwtTokenSigner:
    def __init__(
        self, secret: str, leeway_s: int = 0, clock: Callable[[], float] = time.time
    ) -> None:
        if len(secret) < MIN_SECRET_LENGTH:
            raise ValueError(f"the signing secret must be at least {MIN_SECRET_LENGTH} characters")
        self._secret = secret
        self._leeway_s = leeway_s
        self._clock = clock
        self._verified: dict[str, AccessClaims] = {}

    def sign(self, claims: AccessClaims) -> str:
        payload = {
            "sub": str(claims.user_id),
            "sid": str(claims.session_id),
            "iat": int(claims.issued_at.timestamp()),
            "exp": int(claims.expires_at.timestamp()),
        }
        return jwt.encode(payload, self._secret, algorithm=ALGORITHM)

    def read(self, token: str) -> AccessClaims:
        """The token's claims: its signature checked once per process, its expiry every time."""
        claims = self._verified.get(token)
        if claims is None:
            claims = self._decoded(token)
            if len(self._verified) >= VERIFIED_MAX:
                self._verified.clear()
            self._verified[token] = claims
        if claims.expires_at.timestamp() <= self._clock() - self._leeway_s:
            raise Unauthenticated("the access token has expired")
        return claims

    def _decoded(self, token: str) -> AccessClaims:
        try:
            payload = jwt.decode(
                token,
                self._secret,
                algorithms=[ALGORITHM],
                leeway=self._leeway_s,
                options={"require": ["sub", "sid", "iat", "exp"]},
            )
            return AccessClaims(
                user_id=uuid.UUID(payload["sub"]),
                session_id=uuid.UUID(payload["sid"]),
                issued_at=datetime.fromtimestamp(payload["iat"], UTC),
                expires_at=datetime.fromtimestamp(payload["exp"], UTC),
            )
        except jwt.ExpiredSignatureError:
            raise Unauthenticated("the access token has expired") from None
        except (jwt.InvalidTokenError, ValueError, TypeError):
            raise Unauthenticated("the access token is not valid") from None
