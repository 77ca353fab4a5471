"""MFA entities and the values the use cases return."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

import attrs


@attrs.define
class TotpEnrolment:
    """A user's TOTP secret (encrypted) and its state; enabled once a first code was verified."""

    user_id: UUID
    encrypted_secret: bytes = attrs.field(repr=False)
    created_at: datetime
    updated_at: datetime
    enabled: bool = False
    verified_at: datetime | None = None
    last_used_at: datetime | None = None
    # The last accepted time step: codes of this step or earlier are refused (replay guard).
    last_used_step: int | None = None


@attrs.frozen
class BackupCode:
    """One stored, still unused backup code."""

    id: UUID
    user_id: UUID
    code_hash: str = attrs.field(repr=False)
    created_at: datetime


@attrs.define
class MfaSettings:
    """Per-user MFA flags."""

    user_id: UUID
    created_at: datetime
    updated_at: datetime
    totp_enabled: bool = False
    webauthn_enabled: bool = False
    backup_codes_generated: bool = False
    require_mfa: bool = False
    remember_device_enabled: bool = False
    remember_device_duration_days: int = 30

    @property
    def has_method(self) -> bool:
        """True if a second factor that proves presence (TOTP or WebAuthn) is set up."""
        return self.totp_enabled or self.webauthn_enabled


@attrs.frozen
class TotpSetup:
    """What the user needs once to add the account to an authenticator app."""

    secret: str = attrs.field(repr=False)
    uri: str = attrs.field(repr=False)


@attrs.frozen
class MfaStatus:
    user_id: UUID
    has_totp: bool
    webauthn_count: int
    unused_backup_codes: int
    require_mfa: bool
