"""Use cases of accounts: register, sign in, change password."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

import attrs

from revenge_domain.activity import NO_ACTIVITY, Actions, ActivityEvent, ActivityLog
from revenge_domain.errors import InvalidInput, NotFound, PermissionDenied, Unauthenticated
from revenge_domain.identity.access import ADMIN, USER
from revenge_domain.identity.issuing import Clock, Units, issue_tokens, utc_now
from revenge_domain.identity.lockout import account_key, name_key
from revenge_domain.identity.ports import PasswordHasher, TokenSigner
from revenge_domain.identity.recovery import SendVerification
from revenge_domain.identity.rules import AuthRules
from revenge_domain.identity.session import ClientInfo, IssuedTokens, Session
from revenge_domain.identity.user import User, check_email, check_password, check_username
from revenge_domain.ports.catalog_changes import CatalogChanges, Entity, NoCatalogChanges

INVALID_LOGIN = "invalid username or password"
DISABLED = "this account is disabled"
PASSWORD_CHANGED = "password changed"  # noqa: S105 - a revoke reason
# Verified when the account does not exist, so that both answers take as long.
_DUMMY_PASSWORD = "not-a-real-password-only-for-timing"  # noqa: S105


@attrs.frozen
class SignedIn:
    user: User
    tokens: IssuedTokens


@attrs.define
class Register:
    """Create an account. The first account of a server is an admin; later ones are users and
    only while registration is enabled: by `registration_open` when given (the server
    setting), else by the rules."""

    units: Units
    hasher: PasswordHasher
    rules: AuthRules
    clock: Clock = utc_now
    verification: SendVerification | None = None
    registration_open: Callable[[], Awaitable[bool]] | None = None
    # Told of every account change (the search index's users follow it).
    changes: CatalogChanges = attrs.Factory(NoCatalogChanges)

    async def __call__(
        self, username: str, email: str, password: str, display_name: str | None = None
    ) -> User:
        check_username(username)
        check_email(email)
        check_password(password)
        password_hash = await self.hasher.hash(password)
        async with self.units() as unit:
            first = not await unit.users.any_exist()
            if not first and not await self._open():
                raise PermissionDenied("registration is disabled on this server")
            user = User.new(
                username, email, password_hash, self.clock(), display_name, is_admin=first
            )
            await unit.users.add(user)
            await unit.roles.assign(user.id, ADMIN if first else USER)
            await unit.commit()
        await self.changes.changed(Entity.USER, [user.id])
        if self.verification is not None:
            await self.verification(user)
        return user

    async def _open(self) -> bool:
        if self.registration_open is None:
            return self.rules.registration_enabled
        return await self.registration_open()


@attrs.define
class Login:
    """Sign in by username or email. Unknown account and wrong password get the same error
    after the same work; failures count towards the lockout."""

    units: Units
    hasher: PasswordHasher
    signer: TokenSigner
    rules: AuthRules
    clock: Clock = utc_now
    activity: ActivityLog = NO_ACTIVITY
    _dummy_hash: str | None = attrs.field(default=None, init=False)

    async def __call__(self, login: str, password: str, client: ClientInfo) -> SignedIn:
        user = await self.check_password(login, password, client)
        return await self.start_session(user, login, client)

    async def check_password(self, login: str, password: str, client: ClientInfo) -> User:
        """The account, if it is active and the password is right; a wrong password counts as
        a failed sign-in. Starts no session (a second factor may still be due)."""
        async with self.units() as unit:
            user = await unit.users.get_by_username_or_email(login)
        key = account_key(user.id) if user else name_key(login)
        await self.check_lockout(key)
        stored = user.password_hash if user else await self._dummy()
        matches = await self.hasher.verify(stored, password)
        if user is None or not matches:
            await self.record_failure(key, client.address)
            await self.activity.record(_login_event(login, client, user, INVALID_LOGIN))
            raise Unauthenticated(INVALID_LOGIN)
        if not user.is_active:
            await self.activity.record(_login_event(login, client, user, DISABLED))
            raise Unauthenticated(DISABLED)
        return user

    async def check_lockout(self, key: str) -> None:
        """TooManyRequests while `key` (`account_key`, `name_key`) has too many recent
        failures."""
        async with self.units() as unit:
            await self.rules.lockout.check(unit.attempts, key, self.clock())

    async def start_session(self, user: User, login: str, client: ClientInfo) -> SignedIn:
        """Open a session for a user who proved who they are (`login`: the name they gave);
        clears the account's failures."""
        now = self.clock()
        session = Session(
            id=uuid.uuid4(),
            user_id=user.id,
            created_at=now,
            last_activity_at=now,
            expires_at=now + timedelta(seconds=self.rules.refresh_ttl_s),
            ip_address=client.address,
            user_agent=client.user_agent,
            device_name=client.device_name,
        )
        async with self.units() as unit:
            await unit.attempts.clear_login(account_key(user.id))
            await unit.sessions.add(session)
            tokens = await issue_tokens(unit, self.signer, self.rules, session, now)
            await unit.users.record_login(user.id, now)
            await unit.activity.add(_login_event(login, client, user, None, session.id))
            await unit.commit()
        user.last_login_at = now
        return SignedIn(user, tokens)

    async def record_failure(self, key: str, address: str) -> None:
        """Count a failed sign-in against `key` (towards the lockout), from `address`."""
        async with self.units() as unit:
            await unit.attempts.record(key, address, self.clock())
            await unit.commit()

    async def unlock(self, user_id: uuid.UUID, actor: uuid.UUID | None) -> None:
        """Forget the account's failed sign-ins, so that it may sign in again at once."""
        async with self.units() as unit:
            user = await unit.users.get(user_id)
            if user is None:
                raise NotFound("user not found", {"user_id": str(user_id)})
            await unit.attempts.clear_login(account_key(user_id))
            await unit.activity.add(
                ActivityEvent(
                    "user.unlock", resource_type="user", resource_id=user_id, user_id=actor
                )
            )
            await unit.commit()

    async def _dummy(self) -> str:
        if self._dummy_hash is None:
            self._dummy_hash = await self.hasher.hash(_DUMMY_PASSWORD)
        return self._dummy_hash


@attrs.define
class ChangePassword:
    """Replace the password after checking the current one; every other session ends."""

    units: Units
    hasher: PasswordHasher
    clock: Clock = utc_now
    activity: ActivityLog = NO_ACTIVITY

    async def __call__(
        self, user_id: uuid.UUID, session_id: uuid.UUID | None, old: str, new: str
    ) -> None:
        check_password(new)
        async with self.units() as unit:
            user = await unit.users.get(user_id)
        if user is None or not await self.hasher.verify(user.password_hash, old):
            reason = "is not the current password"
            details = {"field": "old_password", "reason": reason}
            await self.activity.record(_password_event(user_id, user, f"old_password {reason}"))
            raise InvalidInput(f"old_password {reason}", details)
        new_hash = await self.hasher.hash(new)
        async with self.units() as unit:
            now: datetime = self.clock()
            await unit.users.set_password_hash(user_id, new_hash, now)
            await unit.sessions.revoke_all(user_id, now, PASSWORD_CHANGED, keep=session_id)
            await unit.activity.add(_password_event(user_id, user, None))
            await unit.commit()


def _login_event(
    login: str,
    client: ClientInfo,
    user: User | None,
    error: str | None,
    session_id: uuid.UUID | None = None,
) -> ActivityEvent:
    return ActivityEvent(
        Actions.LOGIN,
        success=error is None,
        user_id=user.id if user else None,
        username=user.username if user else login,
        resource_type="session" if session_id else "user",
        resource_id=session_id or (user.id if user else None),
        ip_address=client.address,
        user_agent=client.user_agent,
        error_message=error,
    )


def _password_event(user_id: uuid.UUID, user: User | None, error: str | None) -> ActivityEvent:
    return ActivityEvent(
        Actions.PASSWORD_CHANGE,
        success=error is None,
        user_id=user_id,
        username=user.username if user else None,
        resource_type="user",
        resource_id=user_id,
        error_message=error,
    )
