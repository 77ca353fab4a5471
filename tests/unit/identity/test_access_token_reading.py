"""Reading access tokens: a token's signature is checked once per process, its expiry on every
read, and a changed token is a new token."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from revenge_adapters.identity import JwtTokenSigner
from revenge_domain.errors import Unauthenticated
from revenge_domain.identity import AccessClaims

SECRET = "s" * 40


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC).timestamp()

    def __call__(self) -> float:
        return self.now


def live_claims() -> AccessClaims:
    # Whole seconds, as the token carries them; PyJWT checks the first read at the real time.
    now = datetime.now(UTC).replace(microsecond=0)
    return AccessClaims(uuid.uuid4(), uuid.uuid4(), now, now + timedelta(minutes=15))


def test_a_remembered_token_still_expires() -> None:
    clock = Clock()
    signer = JwtTokenSigner(SECRET, clock=clock)
    claims = live_claims()
    token = signer.sign(claims)
    assert signer.read(token) == claims
    assert signer.read(token) == claims

    clock.now = claims.expires_at.timestamp()

    with pytest.raises(Unauthenticated, match="expired"):
        signer.read(token)


def test_a_changed_token_is_checked_again() -> None:
    signer = JwtTokenSigner(SECRET)
    claims = live_claims()
    token = signer.sign(claims)
    assert signer.read(token) == claims
    other = JwtTokenSigner("t" * 40).sign(claims)

    with pytest.raises(Unauthenticated, match="not valid"):
        signer.read(other)
    with pytest.raises(Unauthenticated, match="not valid"):
        signer.read(token + "x")
