"""AES-256-GCM encryption of secrets at rest, and the key file used when none is configured."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from revenge_domain.mfa import UnreadableSecret

KEY_BYTES = 32
NONCE_BYTES = 12


class AesGcmSecretCipher:
    """AES-256-GCM with a random 12-byte nonce stored before the ciphertext.

    The context (for example the owner's id) is authenticated data: a secret copied onto another
    row does not decrypt there.
    """

    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise ValueError(f"the encryption key must be {KEY_BYTES} bytes")
        self._aead = AESGCM(key)

    @classmethod
    def from_hex(cls, key_hex: str) -> AesGcmSecretCipher:
        """A cipher from a key written as 64 hexadecimal characters."""
        try:
            key = bytes.fromhex(key_hex.strip())
        except ValueError:
            raise ValueError("the encryption key must be 64 hexadecimal characters") from None
        return cls(key)

    def encrypt(self, plaintext: bytes, context: bytes) -> bytes:
        nonce = secrets.token_bytes(NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, plaintext, context)

    def decrypt(self, ciphertext: bytes, context: bytes) -> bytes:
        nonce, body = ciphertext[:NONCE_BYTES], ciphertext[NONCE_BYTES:]
        if len(nonce) != NONCE_BYTES:
            raise UnreadableSecret("the stored secret is too short")
        try:
            return self._aead.decrypt(nonce, body, context)
        except InvalidTag:
            raise UnreadableSecret("the stored secret was altered or the key changed") from None


def load_or_create_key(path: Path) -> str:
    """The hex key kept in `path`; the first call creates it (random, readable by us only)."""
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key_hex = secrets.token_hex(KEY_BYTES)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        # Another process created it between our read and our create: use theirs.
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as file:
        file.write(key_hex + "\n")
    return key_hex
