"""Multi-factor authentication: TOTP, backup codes and the per-user MFA flags."""

from revenge_domain.mfa.backup_cases import GenerateBackupCodes, UseBackupCode
from revenge_domain.mfa.model import BackupCode, MfaSettings, MfaStatus, TotpEnrolment, TotpSetup
from revenge_domain.mfa.ports import (
    BackupCodes,
    MfaSettingsRepository,
    SecretCipher,
    TotpSecrets,
    UnreadableSecret,
)
from revenge_domain.mfa.status import DisableMfa, EnableMfa, GetMfaStatus
from revenge_domain.mfa.totp_cases import BeginTotpSetup, DisableTotp, TotpCheck, VerifyTotp

__all__ = [
    "BackupCode",
    "BackupCodes",
    "BeginTotpSetup",
    "DisableMfa",
    "DisableTotp",
    "EnableMfa",
    "GenerateBackupCodes",
    "GetMfaStatus",
    "MfaSettings",
    "MfaSettingsRepository",
    "MfaStatus",
    "SecretCipher",
    "TotpCheck",
    "TotpEnrolment",
    "TotpSecrets",
    "TotpSetup",
    "UnreadableSecret",
    "UseBackupCode",
    "VerifyTotp",
]
