"""Ports of the MFA domain: where enrolments, codes and flags are kept, and secret encryption."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol
from uuid import UUID

from revenge_domain.mfa.model import BackupCode, MfaSettings, TotpEnrolment


class UnreadableSecret(ValueError):
    """A stored secret cannot be decrypted: it was altered, or the key changed."""


class SecretCipher(Protocol):
    """Authenticated encryption of secrets kept at rest."""

    def encrypt(self, plaintext: bytes, context: bytes) -> bytes:
        """Ciphertext that decrypts only with the same key and `context` (e.g. the owner id)."""
        ...

    def decrypt(self, ciphertext: bytes, context: bytes) -> bytes:
        """The plaintext; raise UnreadableSecret if the ciphertext or context was altered."""
        ...


class TotpSecrets(Protocol):
    """One TOTP enrolment per user."""

    async def get(self, user_id: UUID) -> TotpEnrolment | None:
        """The user's enrolment, or None."""
        ...

    async def put(self, enrolment: TotpEnrolment) -> None:
        """Store the enrolment, replacing the user's previous one if any."""
        ...

    async def claim_step(self, user_id: UUID, step: int, at: datetime) -> bool:
        """Record `step` as last accepted if it is later than the stored one; False otherwise.

        Atomic: of two concurrent claims of the same step, exactly one succeeds.
        """
        ...

    async def delete(self, user_id: UUID) -> bool:
        """Remove the user's enrolment; False if there was none."""
        ...


class BackupCodes(Protocol):
    """Hashed backup codes; a used code is kept (for audit) but never returned again."""

    async def replace(self, user_id: UUID, codes: Sequence[BackupCode]) -> None:
        """Delete all of the user's codes, used or not, and store `codes`."""
        ...

    async def unused(self, user_id: UUID) -> list[BackupCode]:
        """The user's codes not used yet."""
        ...

    async def claim(self, code_id: UUID, at: datetime, from_ip: str | None) -> bool:
        """Mark the code used; False if it was used already (atomic, like `claim_step`)."""
        ...


class MfaSettingsRepository(Protocol):
    """Per-user MFA flags."""

    async def get(self, user_id: UUID) -> MfaSettings | None:
        """The user's flags, or None if never stored."""
        ...

    async def put(self, settings: MfaSettings) -> None:
        """Store the flags, replacing the previous ones."""
        ...
