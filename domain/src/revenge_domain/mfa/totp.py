"""Time-based one-time passwords (RFC 6238 over RFC 4226): SHA-1, 30-second steps."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
from datetime import datetime
from urllib.parse import quote, urlencode

ISSUER = "Revenge"
DIGITS = 6
STEP_SECONDS = 30
# Steps either side of "now" still accepted: clocks of phones drift and people type slowly.
WINDOW = 1
SECRET_BYTES = 20


def new_secret() -> str:
    """A fresh shared secret: 20 random bytes as unpadded base32 (32 characters)."""
    return base64.b32encode(secrets.token_bytes(SECRET_BYTES)).decode("ascii").rstrip("=")


def secret_key(secret: str) -> bytes:
    """The raw key of a base32 secret (any case, padding optional); ValueError if unreadable."""
    text = secret.strip().upper()
    try:
        return base64.b32decode(text + "=" * (-len(text) % 8))
    except binascii.Error as exc:
        raise ValueError("the TOTP secret is not base32") from exc


def time_step(moment: datetime) -> int:
    """The number of whole 30-second steps since the Unix epoch at `moment`."""
    return int(moment.timestamp()) // STEP_SECONDS


def hotp(key: bytes, counter: int, digits: int = DIGITS) -> str:
    """The HOTP value of `counter` (RFC 4226 dynamic truncation), zero-padded to `digits`."""
    mac = hmac.new(key, counter.to_bytes(8, "big"), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = int.from_bytes(mac[offset : offset + 4], "big") & 0x7FFFFFFF
    return str(value % 10**digits).zfill(digits)


def code_at(key: bytes, moment: datetime, digits: int = DIGITS) -> str:
    """The TOTP code valid at `moment`."""
    return hotp(key, time_step(moment), digits)


def matching_step(key: bytes, code: str, moment: datetime, window: int = WINDOW) -> int | None:
    """The step within `window` of `moment` whose code equals `code`, or None.

    Every candidate is compared in constant time, so timing tells nothing about near misses.
    """
    now = time_step(moment)
    found: int | None = None
    for step in range(now - window, now + window + 1):
        if hmac.compare_digest(hotp(key, step, len(code)), code) and found is None:
            found = step
    return found


def otpauth_uri(secret: str, account_name: str, issuer: str = ISSUER) -> str:
    """The `otpauth://` URI authenticator apps read from a QR code (defaults: SHA1, 6, 30 s)."""
    label = quote(f"{issuer}:{account_name}", safe=":@")
    return f"otpauth://totp/{label}?{urlencode({'secret': secret, 'issuer': issuer})}"
