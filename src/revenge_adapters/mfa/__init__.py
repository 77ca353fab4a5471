"""MFA adapters: AES-GCM secret encryption and the PostgreSQL repositories."""

from revenge_adapters.mfa.cipher import AesGcmSecretCipher, load_or_create_key
from revenge_adapters.mfa.repositories import PgBackupCodes, PgMfaSettings, PgTotpSecrets

__all__ = [
    "AesGcmSecretCipher",
    "PgBackupCodes",
    "PgMfaSettings",
    "PgTotpSecrets",
    "load_or_create_key",
]
