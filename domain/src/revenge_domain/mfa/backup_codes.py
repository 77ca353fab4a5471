"""Backup (recovery) codes: generation, the accepted spellings, and their stored hashes.

A code carries 64 random bits, so a fast salted SHA-256 is as hard to reverse as a slow
password hash would be, and checking a user's ten codes costs microseconds instead of a second of
Argon2 per attempt.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

COUNT = 10
_CODE_BYTES = 8
_GROUP = 4
_SCHEME = "sha256"
_NORMALISED = re.compile(r"[0-9a-f]{16}")


def new_code() -> str:
    """A fresh code shown as `xxxx-xxxx-xxxx-xxxx` (16 lowercase hex digits)."""
    digits = secrets.token_hex(_CODE_BYTES)
    return "-".join(digits[i : i + _GROUP] for i in range(0, len(digits), _GROUP))


def normalise(code: str) -> str | None:
    """The 16 hex digits of a typed code (dashes and spaces dropped, any case), or None."""
    digits = code.replace("-", "").replace(" ", "").strip().lower()
    return digits if _NORMALISED.fullmatch(digits) else None


def hash_code(code: str) -> str:
    """`sha256$<salt hex>$<digest hex>` of the normalised code; ValueError if malformed."""
    digits = normalise(code)
    if digits is None:
        raise ValueError("not a backup code")
    salt = secrets.token_hex(16)
    return f"{_SCHEME}${salt}${_digest(salt, digits)}"


def code_matches(code_hash: str, code: str) -> bool:
    """True if `code` (any accepted spelling) is the one `code_hash` was made from."""
    digits = normalise(code)
    scheme, _, rest = code_hash.partition("$")
    salt, _, digest = rest.partition("$")
    if digits is None or scheme != _SCHEME or not salt:
        return False
    return hmac.compare_digest(_digest(salt, digits), digest)


def _digest(salt: str, digits: str) -> str:
    return hashlib.sha256(f"{salt}:{digits}".encode("ascii")).hexdigest()
