"""One user's MFA operations, each in a transaction of its own (safe for concurrent requests)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol
from uuid import UUID

import attrs

from revenge_domain.activity import ActivityEntries
from revenge_domain.mfa.backup_cases import GenerateBackupCodes, UseBackupCode
from revenge_domain.mfa.model import MfaSettings, MfaStatus, TotpSetup
from revenge_domain.mfa.ports import BackupCodes, MfaSettingsRepository, SecretCipher, TotpSecrets
from revenge_domain.mfa.status import (
    Clock,
    DisableMfa,
    EnableMfa,
    GetMfaStatus,
    settings_of,
    utc_now,
)
from revenge_domain.mfa.totp_cases import (
    BeginTotpSetup,
    DisableTotp,
    TotpCheck,
    VerifyTotp,
    check_code,
)
from revenge_domain.ports.uow import UnitOfWork


class MfaUnit(UnitOfWork, Protocol):
    """One transaction over the MFA repositories."""

    @property
    def totp(self) -> TotpSecrets: ...

    @property
    def codes(self) -> BackupCodes: ...

    @property
    def settings(self) -> MfaSettingsRepository: ...

    @property
    def activity(self) -> ActivityEntries:
        """Entries stored with this unit's commit."""
        ...


MfaUnits = Callable[[], MfaUnit]


@attrs.define
class MfaAccount:
    """The MFA use cases, each given a fresh unit of work per call."""

    units: MfaUnits
    cipher: SecretCipher
    clock: Clock = utc_now

    async def status(self, user_id: UUID) -> MfaStatus:
        unit = self.units()
        return await GetMfaStatus(unit.totp, unit.codes, unit.settings, unit)(user_id)

    async def settings(self, user_id: UUID) -> MfaSettings:
        """The user's flags (defaults if never stored)."""
        async with self.units() as unit:
            return await settings_of(unit.settings, user_id, self.clock())

    async def begin_totp_setup(self, user_id: UUID, account_name: str) -> TotpSetup:
        unit = self.units()
        return await BeginTotpSetup(unit.totp, self.cipher, unit, self.clock)(user_id, account_name)

    async def verify_totp(self, user_id: UUID, code: str) -> bool:
        """Enrolment: True for a right, unused code; the first one enables TOTP."""
        unit = self.units()
        verify = VerifyTotp(
            unit.totp, self.cipher, unit.settings, unit, self.clock, activity=unit.activity
        )
        return await verify(user_id, code)

    async def check_totp(self, user_id: UUID, code: str) -> bool:
        """Sign-in: True for a right, unused code of an enabled enrolment (never enables one)."""
        check_code(code)
        async with self.units() as unit:
            enrolment = await unit.totp.get(user_id)
            if enrolment is None or not enrolment.enabled:
                return False
            step = await TotpCheck(unit.totp, self.cipher).accept(enrolment, code, self.clock())
            if step is None:
                return False
            await unit.commit()
        return True

    async def disable_totp(
        self, user_id: UUID, *, code: str | None = None, password_confirmed: bool = False
    ) -> None:
        unit = self.units()
        disable = DisableTotp(
            unit.totp, self.cipher, unit.settings, unit, self.clock, activity=unit.activity
        )
        await disable(user_id, code=code, password_confirmed=password_confirmed)

    async def generate_backup_codes(self, user_id: UUID) -> list[str]:
        unit = self.units()
        generate = GenerateBackupCodes(
            unit.codes, unit.settings, unit, self.clock, activity=unit.activity
        )
        return await generate(user_id)

    async def use_backup_code(self, user_id: UUID, code: str, from_ip: str | None) -> bool:
        unit = self.units()
        return await UseBackupCode(unit.codes, unit, self.clock)(user_id, code, from_ip)

    async def require(self, user_id: UUID) -> None:
        """Require a second factor at sign-in; InvalidInput without TOTP or WebAuthn."""
        unit = self.units()
        await EnableMfa(unit.settings, unit, self.clock, activity=unit.activity)(user_id)

    async def stop_requiring(self, user_id: UUID) -> None:
        unit = self.units()
        await DisableMfa(unit.settings, unit, self.clock, activity=unit.activity)(user_id)
