"""PKCE S256 challenges as RFC 7636 defines them."""

from __future__ import annotations

from revenge_domain.oidc.signin import pkce_challenge


def test_challenge_matches_the_rfc_example() -> None:
    verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    assert pkce_challenge(verifier) == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
