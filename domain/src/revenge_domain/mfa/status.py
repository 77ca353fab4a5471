"""Use cases on the per-user MFA flags: status, and requiring a second factor at login."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from uuid import UUID

import attrs

from revenge_domain.activity import Actions, ActivityEntries, ActivityEvent
from revenge_domain.errors import InvalidInput
from revenge_domain.mfa.model import MfaSettings, MfaStatus
from revenge_domain.mfa.ports import BackupCodes, MfaSettingsRepository, TotpSecrets
from revenge_domain.ports.uow import UnitOfWork

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


async def settings_of(repo: MfaSettingsRepository, user_id: UUID, now: datetime) -> MfaSettings:
    """The user's stored flags, or the defaults of a user who never touched MFA."""
    return await repo.get(user_id) or MfaSettings(user_id=user_id, created_at=now, updated_at=now)


async def report(activity: ActivityEntries | None, action: str, user_id: UUID) -> None:
    """Add a change of the user's MFA to the unit's activity log, if the case was given one."""
    if activity is not None:
        await activity.add(ActivityEvent(action, user_id=user_id, resource_type="mfa"))


@attrs.define
class GetMfaStatus:
    """What second factors a user has (WebAuthn is counted once it exists; 0 for now)."""

    totp: TotpSecrets
    codes: BackupCodes
    settings: MfaSettingsRepository
    uow: UnitOfWork

    async def __call__(self, user_id: UUID) -> MfaStatus:
        async with self.uow:
            enrolment = await self.totp.get(user_id)
            unused = await self.codes.unused(user_id)
            flags = await self.settings.get(user_id)
        return MfaStatus(
            user_id=user_id,
            has_totp=enrolment is not None and enrolment.enabled,
            webauthn_count=0,
            unused_backup_codes=len(unused),
            require_mfa=flags is not None and flags.require_mfa,
        )


@attrs.define
class EnableMfa:
    """Require a second factor at login; InvalidInput unless TOTP or WebAuthn is set up."""

    settings: MfaSettingsRepository
    uow: UnitOfWork
    clock: Clock = utc_now
    # The unit's activity log (given by MfaAccount): the change's entry is stored with it.
    activity: ActivityEntries | None = None

    async def __call__(self, user_id: UUID) -> None:
        async with self.uow:
            now = self.clock()
            flags = await settings_of(self.settings, user_id, now)
            if not flags.has_method:
                raise InvalidInput(
                    "set up TOTP or a security key before requiring MFA",
                    {"field": "require_mfa", "reason": "no second factor is set up"},
                )
            flags.require_mfa, flags.updated_at = True, now
            await self.settings.put(flags)
            await report(self.activity, Actions.MFA_ENABLE, user_id)
            await self.uow.commit()


@attrs.define
class DisableMfa:
    """Stop requiring a second factor at login (the factors themselves stay)."""

    settings: MfaSettingsRepository
    uow: UnitOfWork
    clock: Clock = utc_now
    # The unit's activity log (given by MfaAccount): the change's entry is stored with it.
    activity: ActivityEntries | None = None

    async def __call__(self, user_id: UUID) -> None:
        async with self.uow:
            now = self.clock()
            flags = await settings_of(self.settings, user_id, now)
            flags.require_mfa, flags.updated_at = False, now
            await self.settings.put(flags)
            await report(self.activity, Actions.MFA_DISABLE, user_id)
            await self.uow.commit()
