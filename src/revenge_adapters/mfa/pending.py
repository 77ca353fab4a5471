"""Pending sign-in tokens as HS256 JWTs, under a key of their own.

The key is derived from the access-token secret, so a pending token never verifies as an
access token (and the reverse): the two cannot be confused even by a missing claim check.
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from datetime import UTC, datetime

import jwt

from revenge_domain.errors import Unauthenticated
from revenge_domain.mfa.login import PendingLogin

ALGORITHM = "HS256"
PURPOSE = "mfa_pending"
_KEY_LABEL = b"revenge pending sign-in"


class JwtPendingLoginSigner:
    def __init__(self, secret: str) -> None:
        self._key = hmac.new(secret.encode(), _KEY_LABEL, hashlib.sha256).digest()

    def sign(self, pending: PendingLogin) -> str:
        payload: dict[str, str | int] = {
            "sub": str(pending.user_id),
            "login": pending.login,
            "typ": PURPOSE,
            "iat": int(pending.issued_at.timestamp()),
            "exp": int(pending.expires_at.timestamp()),
        }
        if pending.device_name is not None:
            payload["dev"] = pending.device_name
        return jwt.encode(payload, self._key, algorithm=ALGORITHM)

    def read(self, token: str) -> PendingLogin | None:
        try:
            payload = jwt.decode(
                token,
                self._key,
                algorithms=[ALGORITHM],
                options={"require": ["sub", "login", "typ", "iat", "exp"]},
            )
        except jwt.ExpiredSignatureError:
            raise Unauthenticated("the sign-in waited too long for a second factor") from None
        except jwt.InvalidTokenError:
            return None
        if payload["typ"] != PURPOSE:
            return None
        return PendingLogin(
            user_id=uuid.UUID(payload["sub"]),
            login=str(payload["login"]),
            issued_at=datetime.fromtimestamp(payload["iat"], UTC),
            expires_at=datetime.fromtimestamp(payload["exp"], UTC),
            device_name=payload.get("dev"),
        )
