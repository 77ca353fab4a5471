"""Use cases of backup codes: (re)generate all, use one."""

from __future__ import annotations

import uuid
from uuid import UUID

import attrs

from revenge_domain.activity import Actions, ActivityEntries
from revenge_domain.errors import InvalidInput
from revenge_domain.mfa import backup_codes
from revenge_domain.mfa.model import BackupCode
from revenge_domain.mfa.ports import BackupCodes, MfaSettingsRepository
from revenge_domain.mfa.status import Clock, report, settings_of, utc_now
from revenge_domain.ports.uow import UnitOfWork


@attrs.define
class GenerateBackupCodes:
    """Ten fresh codes, returned once in clear; every earlier code of the user stops working."""

    codes: BackupCodes
    settings: MfaSettingsRepository
    uow: UnitOfWork
    clock: Clock = utc_now
    # The unit's activity log (given by MfaAccount): the change's entry is stored with it.
    activity: ActivityEntries | None = None

    async def __call__(self, user_id: UUID) -> list[str]:
        plain = [backup_codes.new_code() for _ in range(backup_codes.COUNT)]
        async with self.uow:
            now = self.clock()
            stored = [
                BackupCode(uuid.uuid4(), user_id, backup_codes.hash_code(code), now)
                for code in plain
            ]
            await self.codes.replace(user_id, stored)
            flags = await settings_of(self.settings, user_id, now)
            flags.backup_codes_generated, flags.updated_at = True, now
            await self.settings.put(flags)
            await report(self.activity, Actions.BACKUP_CODES_REGENERATE, user_id)
            await self.uow.commit()
        return plain


@attrs.define
class UseBackupCode:
    """True if the code is one of the user's unused codes, which it then uses up.

    InvalidInput if the text cannot be a backup code at all.
    """

    codes: BackupCodes
    uow: UnitOfWork
    clock: Clock = utc_now

    async def __call__(self, user_id: UUID, code: str, from_ip: str | None = None) -> bool:
        if backup_codes.normalise(code) is None:
            raise InvalidInput(
                "code is not a backup code",
                {"field": "code", "reason": "must be 16 hexadecimal digits"},
            )
        async with self.uow:
            for stored in await self.codes.unused(user_id):
                if backup_codes.code_matches(stored.code_hash, code):
                    used = await self.codes.claim(stored.id, self.clock(), from_ip)
                    if used:
                        await self.uow.commit()
                    return used
        return False
