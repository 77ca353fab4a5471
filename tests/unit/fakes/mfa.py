"""In-memory MFA ports: enrolments, backup codes and flags in dicts, and a readable cipher."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from uuid import UUID

import attrs

from revenge_domain.mfa import BackupCode, MfaSettings, TotpEnrolment, UnreadableSecret


class FakeTotpSecrets:
    def __init__(self) -> None:
        self.enrolments: dict[UUID, TotpEnrolment] = {}

    async def get(self, user_id: UUID) -> TotpEnrolment | None:
        found = self.enrolments.get(user_id)
        return attrs.evolve(found) if found else None

    async def put(self, enrolment: TotpEnrolment) -> None:
        self.enrolments[enrolment.user_id] = attrs.evolve(enrolment)

    async def claim_step(self, user_id: UUID, step: int, at: datetime) -> bool:
        found = self.enrolments.get(user_id)
        if found is None or (found.last_used_step is not None and found.last_used_step >= step):
            return False
        found.last_used_step, found.last_used_at = step, at
        return True

    async def delete(self, user_id: UUID) -> bool:
        return self.enrolments.pop(user_id, None) is not None


class FakeBackupCodes:
    def __init__(self) -> None:
        self.codes: dict[UUID, BackupCode] = {}
        self.used: dict[UUID, tuple[datetime, str | None]] = {}

    async def replace(self, user_id: UUID, codes: Sequence[BackupCode]) -> None:
        for old in [c for c in self.codes.values() if c.user_id == user_id]:
            del self.codes[old.id]
            self.used.pop(old.id, None)
        self.codes.update({code.id: code for code in codes})

    async def unused(self, user_id: UUID) -> list[BackupCode]:
        mine = (code for code in self.codes.values() if code.user_id == user_id)
        return [code for code in mine if code.id not in self.used]

    async def claim(self, code_id: UUID, at: datetime, from_ip: str | None) -> bool:
        if code_id not in self.codes or code_id in self.used:
            return False
        self.used[code_id] = (at, from_ip)
        return True


class FakeMfaSettings:
    def __init__(self) -> None:
        self.settings: dict[UUID, MfaSettings] = {}

    async def get(self, user_id: UUID) -> MfaSettings | None:
        found = self.settings.get(user_id)
        return attrs.evolve(found) if found else None

    async def put(self, settings: MfaSettings) -> None:
        self.settings[settings.user_id] = attrs.evolve(settings)


class FakeSecretCipher:
    """Not secret at all: the "ciphertext" shows its context and plaintext, so tests can read it."""

    def encrypt(self, plaintext: bytes, context: bytes) -> bytes:
        return b"sealed:" + context.hex().encode() + b":" + plaintext

    def decrypt(self, ciphertext: bytes, context: bytes) -> bytes:
        prefix = b"sealed:" + context.hex().encode() + b":"
        if not ciphertext.startswith(prefix):
            raise UnreadableSecret("not sealed for this context")
        return ciphertext[len(prefix) :]


class SteppingClock:
    """A clock that stays put until a test moves it."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)
