"""Use cases of TOTP: set up, verify (enables on the first good code), disable."""

from __future__ import annotations

import re
from datetime import datetime
from uuid import UUID

import attrs

from revenge_domain.activity import Actions, ActivityEntries
from revenge_domain.errors import Conflict, InvalidInput, NotFound, Unauthenticated
from revenge_domain.mfa.model import TotpEnrolment, TotpSetup
from revenge_domain.mfa.ports import MfaSettingsRepository, SecretCipher, TotpSecrets
from revenge_domain.mfa.status import Clock, report, settings_of, utc_now
from revenge_domain.mfa.totp import DIGITS, matching_step, new_secret, otpauth_uri, secret_key
from revenge_domain.ports.uow import UnitOfWork

_CODE = re.compile(rf"[0-9]{{{DIGITS}}}")


def check_code(code: str) -> str:
    """Return the code if it is six digits; else raise InvalidInput naming `code`."""
    if not _CODE.fullmatch(code):
        raise InvalidInput(
            f"code must be {DIGITS} digits", {"field": "code", "reason": f"must be {DIGITS} digits"}
        )
    return code


def _not_set_up() -> NotFound:
    return NotFound("TOTP is not set up", {"field": "totp"})


@attrs.define
class TotpCheck:
    """Accepts a code at most once: the matching time step must be later than the last one used."""

    totp: TotpSecrets
    cipher: SecretCipher

    async def accept(self, enrolment: TotpEnrolment, code: str, now: datetime) -> int | None:
        """The accepted step (now recorded as used), or None for a wrong or replayed code."""
        plain = self.cipher.decrypt(enrolment.encrypted_secret, enrolment.user_id.bytes)
        step = matching_step(secret_key(plain.decode("ascii")), code, now)
        if step is None or not await self.totp.claim_step(enrolment.user_id, step, now):
            return None
        return step


@attrs.define
class BeginTotpSetup:
    """Create a new, not yet enabled secret; Conflict if TOTP is already enabled."""

    totp: TotpSecrets
    cipher: SecretCipher
    uow: UnitOfWork
    clock: Clock = utc_now

    async def __call__(self, user_id: UUID, account_name: str) -> TotpSetup:
        if not account_name.strip():
            raise InvalidInput(
                "account_name must not be empty", {"field": "account_name", "reason": "empty"}
            )
        secret = new_secret()
        async with self.uow:
            existing = await self.totp.get(user_id)
            if existing is not None and existing.enabled:
                raise Conflict("TOTP is already enabled; disable it first", {"field": "totp"})
            now = self.clock()
            encrypted = self.cipher.encrypt(secret.encode("ascii"), user_id.bytes)
            await self.totp.put(
                TotpEnrolment(
                    user_id=user_id, encrypted_secret=encrypted, created_at=now, updated_at=now
                )
            )
            await self.uow.commit()
        return TotpSetup(secret=secret, uri=otpauth_uri(secret, account_name))


@attrs.define
class VerifyTotp:
    """True if the code is right and unused; the first such code enables TOTP.

    InvalidInput for a malformed code, NotFound if TOTP was never set up.
    """

    totp: TotpSecrets
    cipher: SecretCipher
    settings: MfaSettingsRepository
    uow: UnitOfWork
    clock: Clock = utc_now
    # The unit's activity log (given by MfaAccount): the change's entry is stored with it.
    activity: ActivityEntries | None = None

    async def __call__(self, user_id: UUID, code: str) -> bool:
        check_code(code)
        async with self.uow:
            enrolment = await self.totp.get(user_id)
            if enrolment is None:
                raise _not_set_up()
            now = self.clock()
            step = await TotpCheck(self.totp, self.cipher).accept(enrolment, code, now)
            if step is None:
                return False
            if not enrolment.enabled:
                await self._enable(enrolment, step, now)
            await self.uow.commit()
        return True

    async def _enable(self, enrolment: TotpEnrolment, step: int, now: datetime) -> None:
        enrolment.enabled, enrolment.verified_at, enrolment.updated_at = True, now, now
        enrolment.last_used_step, enrolment.last_used_at = step, now
        await self.totp.put(enrolment)
        flags = await settings_of(self.settings, enrolment.user_id, now)
        flags.totp_enabled, flags.updated_at = True, now
        await self.settings.put(flags)
        await report(self.activity, Actions.TOTP_ENABLE, enrolment.user_id)


@attrs.define
class DisableTotp:
    """Remove the user's TOTP secret.

    An enabled secret needs proof first: a current code, or `password_confirmed=True` after the
    caller checked the account password. Without another factor, MFA stops being required.
    """

    totp: TotpSecrets
    cipher: SecretCipher
    settings: MfaSettingsRepository
    uow: UnitOfWork
    clock: Clock = utc_now
    # The unit's activity log (given by MfaAccount): the change's entry is stored with it.
    activity: ActivityEntries | None = None

    async def __call__(
        self, user_id: UUID, *, code: str | None = None, password_confirmed: bool = False
    ) -> None:
        async with self.uow:
            enrolment = await self.totp.get(user_id)
            if enrolment is None:
                raise _not_set_up()
            now = self.clock()
            if enrolment.enabled and not password_confirmed:
                await self._prove(enrolment, code, now)
            await self.totp.delete(user_id)
            flags = await settings_of(self.settings, user_id, now)
            flags.totp_enabled, flags.updated_at = False, now
            flags.require_mfa = flags.require_mfa and flags.has_method
            await self.settings.put(flags)
            await report(self.activity, Actions.TOTP_DISABLE, user_id)
            await self.uow.commit()

    async def _prove(self, enrolment: TotpEnrolment, code: str | None, now: datetime) -> None:
        if code is not None:
            check_code(code)
            if await TotpCheck(self.totp, self.cipher).accept(enrolment, code, now) is not None:
                return
        raise Unauthenticated(
            "a current TOTP code or the account password is needed",
            {"field": "code", "reason": "missing or not valid"},
        )
