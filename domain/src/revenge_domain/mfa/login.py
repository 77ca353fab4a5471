"""Signing in with a second factor.

When an account requires MFA, a right password yields only a pending sign-in: a short-lived
signed token that the second-factor endpoints accept and nothing else. A right TOTP or backup
code (or a WebAuthn assertion checked elsewhere) then opens the session. A wrong code counts as
a failed sign-in, so the lockout covers guessing codes as it covers guessing passwords.
"""

from __future__ import annotations

import enum
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Protocol
from uuid import UUID

import attrs

from revenge_domain.errors import Unauthenticated
from revenge_domain.identity import ClientInfo, Login, SignedIn, User
from revenge_domain.identity.lockout import account_key
from revenge_domain.mfa.account import MfaAccount
from revenge_domain.mfa.model import MfaSettings
from revenge_domain.mfa.status import Clock, utc_now

PENDING_TTL_S = 300
INVALID_CODE = "the code is not valid"


class SecondFactor(enum.Enum):
    TOTP = "totp"
    BACKUP_CODE = "backup_code"
    WEBAUTHN = "webauthn"


@attrs.frozen
class PendingLogin:
    """A sign-in whose password was right and that waits for a second factor.

    `login` is the name the user typed, so failed codes count against the same name as failed
    passwords; `device_name` is kept for the session that opens at the end.
    """

    user_id: UUID
    login: str
    issued_at: datetime
    expires_at: datetime
    device_name: str | None = None


class PendingLoginSigner(Protocol):
    """Signs and reads pending sign-in tokens; they can never pass for access tokens."""

    def sign(self, pending: PendingLogin) -> str: ...

    def read(self, token: str) -> PendingLogin | None:
        """The pending sign-in behind a genuine token; None if `token` is not a pending-sign-in
        token at all; Unauthenticated if it is one but has expired."""
        ...


@attrs.frozen
class SecondFactorNeeded:
    """The answer to a right password when the account requires MFA."""

    token: str = attrs.field(repr=False)
    expires_in: int
    methods: tuple[SecondFactor, ...]


def methods_of(flags: MfaSettings) -> tuple[SecondFactor, ...]:
    offered = (
        (flags.totp_enabled, SecondFactor.TOTP),
        (flags.webauthn_enabled, SecondFactor.WEBAUTHN),
        (flags.backup_codes_generated, SecondFactor.BACKUP_CODE),
    )
    return tuple(method for enabled, method in offered if enabled)


@attrs.define
class SignInWithSecondFactor:
    """Password first; then, if the account requires MFA, a second factor."""

    login: Login
    mfa: MfaAccount
    signer: PendingLoginSigner
    ttl_s: int = PENDING_TTL_S
    clock: Clock = utc_now

    async def __call__(
        self, login: str, password: str, client: ClientInfo
    ) -> SignedIn | SecondFactorNeeded:
        user = await self.login.check_password(login, password, client)
        flags = await self.mfa.settings(user.id)
        if not flags.require_mfa:
            return await self.login.start_session(user, login, client)
        now = self.clock()
        expires_at = now + timedelta(seconds=self.ttl_s)
        pending = PendingLogin(user.id, login, now, expires_at, client.device_name)
        return SecondFactorNeeded(self.signer.sign(pending), self.ttl_s, methods_of(flags))

    def pending(self, token: str) -> PendingLogin | None:
        """See `PendingLoginSigner.read`."""
        return self.signer.read(token)

    async def with_totp(self, pending: PendingLogin, code: str, client: ClientInfo) -> SignedIn:
        return await self._complete(
            pending, client, lambda: self.mfa.check_totp(pending.user_id, code)
        )

    async def with_backup_code(
        self, pending: PendingLogin, code: str, client: ClientInfo
    ) -> SignedIn:
        def use() -> Awaitable[bool]:
            return self.mfa.use_backup_code(pending.user_id, code, client.address or None)

        return await self._complete(pending, client, use)

    async def finish(self, pending: PendingLogin, client: ClientInfo) -> SignedIn:
        """Open the session once a second factor was proven (by the caller, e.g. WebAuthn)."""
        user = await self._user(pending)
        client = attrs.evolve(client, device_name=client.device_name or pending.device_name)
        return await self.login.start_session(user, pending.login, client)

    async def fail(self, pending: PendingLogin, client: ClientInfo) -> None:
        """Count a wrong second factor as a failed sign-in."""
        await self.login.record_failure(account_key(pending.user_id), client.address)

    async def confirm_password(self, user_id: UUID, password: str) -> bool:
        """True if `password` is the account's (to disable a factor without a code)."""
        async with self.login.units() as unit:
            user = await unit.users.get(user_id)
        return user is not None and await self.login.hasher.verify(user.password_hash, password)

    async def _complete(
        self, pending: PendingLogin, client: ClientInfo, proven: Callable[[], Awaitable[bool]]
    ) -> SignedIn:
        await self.login.check_lockout(account_key(pending.user_id))
        if not await proven():
            await self.fail(pending, client)
            raise Unauthenticated(INVALID_CODE, {"field": "code", "reason": "wrong or used"})
        return await self.finish(pending, client)

    async def _user(self, pending: PendingLogin) -> User:
        async with self.login.units() as unit:
            user = await unit.users.get(pending.user_id)
        if user is None or not user.is_active or user.is_deleted:
            raise Unauthenticated("this account is disabled")
        return user
