from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta

import pytest

from revenge_domain.mfa.totp import (
    code_at,
    matching_step,
    new_secret,
    otpauth_uri,
    secret_key,
    time_step,
)

# RFC 6238 appendix B: the SHA-1 seed is the ASCII "12345678901234567890", 8-digit codes.
RFC_KEY = b"12345678901234567890"
RFC_VECTORS = [
    (59, "94287082"),
    (1111111109, "07081804"),
    (1111111111, "14050471"),
    (1234567890, "89005924"),
    (2000000000, "69279037"),
    (20000000000, "65353130"),
]


def at(unix: int) -> datetime:
    return datetime.fromtimestamp(unix, UTC)


@pytest.mark.parametrize(("unix", "expected"), RFC_VECTORS)
def test_codes_match_the_rfc_6238_sha1_vectors(unix: int, expected: str) -> None:
    assert code_at(RFC_KEY, at(unix), digits=8) == expected


@pytest.mark.parametrize(("unix", "expected"), RFC_VECTORS)
def test_six_digit_codes_are_the_last_six_digits(unix: int, expected: str) -> None:
    assert code_at(RFC_KEY, at(unix)) == expected[-6:]


def test_a_step_lasts_thirty_seconds() -> None:
    assert time_step(at(0)) == time_step(at(29)) == 0
    assert time_step(at(30)) == 1


@pytest.mark.parametrize("offset_steps", [-1, 0, 1])
def test_codes_of_the_neighbouring_steps_are_accepted(offset_steps: int) -> None:
    now = at(1234567890)
    code = code_at(RFC_KEY, now + timedelta(seconds=30 * offset_steps))
    assert matching_step(RFC_KEY, code, now) == time_step(now) + offset_steps


@pytest.mark.parametrize("offset_steps", [-2, 2])
def test_codes_two_steps_away_are_refused(offset_steps: int) -> None:
    now = at(1234567890)
    code = code_at(RFC_KEY, now + timedelta(seconds=30 * offset_steps))
    assert matching_step(RFC_KEY, code, now) is None


def test_a_new_secret_is_twenty_random_bytes_in_base32() -> None:
    secret = new_secret()
    assert len(secret) == 32
    assert len(secret_key(secret)) == 20
    assert secret != new_secret()


def test_secrets_are_read_in_any_case_with_or_without_padding() -> None:
    secret = base64.b32encode(b"0123456789").decode()
    assert secret_key(secret.lower()) == b"0123456789"
    assert secret_key(base64.b32encode(b"abc").decode().rstrip("=")) == b"abc"


def test_a_secret_that_is_not_base32_is_refused() -> None:
    with pytest.raises(ValueError, match="base32"):
        secret_key("not base32!")


def test_the_otpauth_uri_names_issuer_account_and_secret() -> None:
    assert (
        otpauth_uri("ABCDEF", "ann smith")
        == "otpauth://totp/Revenge:ann%20smith?secret=ABCDEF&issuer=Revenge"
    )
