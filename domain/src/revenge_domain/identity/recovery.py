"""Email verification and password reset with single-use, hashed, expiring tokens."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

import attrs

from revenge_domain.activity import Actions, ActivityEvent
from revenge_domain.errors import InvalidInput
from revenge_domain.identity.access import Principal
from revenge_domain.identity.account_ports import AccountUnit, OneTimeToken, TokenKind
from revenge_domain.identity.issuing import Clock, utc_now
from revenge_domain.identity.ports import PasswordHasher
from revenge_domain.identity.session import hash_token
from revenge_domain.identity.user import User, check_password
from revenge_domain.ports.email import EmailMessage, EmailSender

AccountUnits = Callable[[], AccountUnit]
TOKEN_BYTES = 32
PASSWORD_RESET = "password reset"  # noqa: S105 - a revoke reason


@attrs.frozen
class RecoveryRules:
    """Token lifetimes and the public address the links in emails start with."""

    public_url: str
    verification_ttl_s: int = 24 * 3600
    reset_ttl_s: int = 3600

    def link(self, page: str, token: str) -> str:
        return f"{self.public_url.rstrip('/')}/{page}?token={token}"


def _invalid_token() -> InvalidInput:
    reason = "is unknown, expired or already used"
    return InvalidInput(f"token {reason}", {"field": "token", "reason": reason})


async def _new_token(
    unit: AccountUnit, kind: TokenKind, user: User, now: datetime, ttl_s: int
) -> str:
    secret = secrets.token_hex(TOKEN_BYTES)
    expires_at = now + timedelta(seconds=ttl_s)
    await unit.one_time_tokens.add(
        OneTimeToken(kind, hash_token(secret), user.id, user.email, now, expires_at)
    )
    return secret


async def _claim(unit: AccountUnit, kind: TokenKind, secret: str, now: datetime) -> OneTimeToken:
    token_hash = hash_token(secret)
    token = await unit.one_time_tokens.find(kind, token_hash)
    if token is None or not await unit.one_time_tokens.claim(kind, token_hash, now):
        raise _invalid_token()
    return token


@attrs.define
class SendVerification:
    """Email the user a link that proves they own their address (valid 24 h by default)."""

    units: AccountUnits
    sender: EmailSender
    rules: RecoveryRules
    clock: Clock = utc_now

    async def __call__(self, user: User) -> None:
        async with self.units() as unit:
            secret = await _new_token(
                unit,
                TokenKind.EMAIL_VERIFICATION,
                user,
                self.clock(),
                self.rules.verification_ttl_s,
            )
            await unit.commit()
        link = self.rules.link("verify-email", secret)
        body = f"Confirm your email address for Revenge by opening this link:\n\n{link}\n"
        await self.sender.send(EmailMessage(user.email, "Confirm your email address", body))

    async def resend(self, principal: Principal) -> None:
        """Send a new link to the caller, unless their address is already verified."""
        async with self.units() as unit:
            user = await unit.users.get(principal.user_id)
        if user is not None and not user.email_verified:
            await self(user)


@attrs.define
class VerifyEmail:
    """Spend a verification token: the address it was sent to becomes verified."""

    units: AccountUnits
    clock: Clock = utc_now

    async def __call__(self, secret: str) -> None:
        async with self.units() as unit:
            now = self.clock()
            token = await _claim(unit, TokenKind.EMAIL_VERIFICATION, secret, now)
            # The address may have changed since the link was sent: that link proves nothing.
            if not await unit.profiles.mark_email_verified(token.user_id, token.email, now):
                raise _invalid_token()
            await unit.commit()


@attrs.define
class ForgotPassword:
    """Email a reset link (valid 1 h) if an active account has this address; earlier links
    stop working. Says nothing about whether the account exists."""

    units: AccountUnits
    sender: EmailSender
    rules: RecoveryRules
    clock: Clock = utc_now

    async def __call__(self, email: str) -> None:
        async with self.units() as unit:
            user = await unit.users.get_by_username_or_email(email)
            if user is None or not user.is_active or user.email.lower() != email.lower():
                return
            now = self.clock()
            await unit.one_time_tokens.void_unused(TokenKind.PASSWORD_RESET, user.id, now)
            secret = await _new_token(
                unit, TokenKind.PASSWORD_RESET, user, now, self.rules.reset_ttl_s
            )
            await unit.commit()
        link = self.rules.link("reset-password", secret)
        body = (
            "Someone asked to reset the password of your Revenge account. If it was you, open"
            f" this link within an hour:\n\n{link}\n\nOtherwise ignore this message.\n"
        )
        await self.sender.send(EmailMessage(user.email, "Reset your password", body))


@attrs.define
class ResetPassword:
    """Spend a reset token: set the new password and end every session of the account."""

    units: AccountUnits
    hasher: PasswordHasher
    clock: Clock = utc_now

    async def __call__(self, secret: str, new_password: str) -> uuid.UUID:
        check_password(new_password)
        new_hash = await self.hasher.hash(new_password)
        async with self.units() as unit:
            now = self.clock()
            token = await _claim(unit, TokenKind.PASSWORD_RESET, secret, now)
            await unit.users.set_password_hash(token.user_id, new_hash, now)
            await unit.sessions.revoke_all(token.user_id, now, PASSWORD_RESET)
            await unit.activity.add(
                ActivityEvent(Actions.PASSWORD_RESET, user_id=token.user_id, resource_type="user")
            )
            await unit.commit()
        return token.user_id
