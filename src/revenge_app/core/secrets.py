"""The server's own keys: configured, else generated on first use and kept in the data dir."""

from __future__ import annotations

from pathlib import Path

from revenge_adapters.mfa import AesGcmSecretCipher, load_or_create_key
from revenge_app.config import Config

AUTH_SECRET_FILE = "auth-secret"  # noqa: S105 - a file name
MFA_KEY_FILE = "mfa-key"


def signing_secret(config: Config) -> str:
    """The configured secret, else one generated on first use and kept in the data directory."""
    return config.auth.jwt_secret or load_or_create_key(Path(config.data_dir) / AUTH_SECRET_FILE)


def mfa_cipher(config: Config) -> AesGcmSecretCipher:
    """The configured MFA key, else one generated on first use and kept in the data directory."""
    key_hex = config.mfa.encryption_key or load_or_create_key(Path(config.data_dir) / MFA_KEY_FILE)
    return AesGcmSecretCipher.from_hex(key_hex)
