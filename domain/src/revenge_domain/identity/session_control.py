"""Use cases of sessions: resolve a caller, refresh (with rotation), list, revoke, sign out."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import datetime, timedelta
from uuid import UUID

import attrs

from revenge_domain.activity import Actions, ActivityEvent
from revenge_domain.errors import NotFound, Unauthenticated
from revenge_domain.identity.access import ADMIN, AuthMethod, PermissionPolicy, Principal
from revenge_domain.identity.credential_cache import CredentialCache, Snapshot
from revenge_domain.identity.issuing import Clock, Units, issue_tokens, utc_now
from revenge_domain.identity.ports import IdentityUnit, TokenSigner
from revenge_domain.identity.rules import AuthRules
from revenge_domain.identity.session import IssuedTokens, Session, hash_token

REUSED = "refresh token reused"
SIGNED_OUT, SIGNED_OUT_EVERYWHERE, ENDED_BY_USER = "signed out", "signed out everywhere", "revoked"


@attrs.define
class Authenticate:
    """The principal behind an access token: genuine, unexpired, session live, user active.

    What the session says is cached briefly; revoking the session drops it at once.
    """

    units: Units
    signer: TokenSigner
    policy: PermissionPolicy
    clock: Clock = utc_now
    credentials: CredentialCache = attrs.Factory(CredentialCache)

    async def __call__(self, access_token: str, method: AuthMethod) -> Principal:
        claims = self.signer.read(access_token)
        snapshot = await self._snapshot(claims.session_id)
        if snapshot is None or snapshot["user_id"] != str(claims.user_id):
            raise Unauthenticated("the session has ended; sign in again")
        roles = frozenset(snapshot["roles"])
        return Principal(
            user_id=claims.user_id,
            username=snapshot["username"],
            roles=roles,
            permissions=self.policy.permissions_of(roles),
            session_id=claims.session_id,
            method=method,
        )

    async def _snapshot(self, session_id: UUID) -> Snapshot | None:
        def load() -> Awaitable[Snapshot | None]:
            return self._load(session_id)

        snapshot = await self.credentials.session(session_id, load)
        if snapshot is not None and self._ended(snapshot):
            # Cached before a refresh moved the expiry, or really over: ask the database.
            await self.credentials.forget_sessions([session_id])
            snapshot = await self.credentials.session(session_id, load)
        return None if snapshot is None or self._ended(snapshot) else snapshot

    def _ended(self, snapshot: Snapshot) -> bool:
        return self.clock() >= datetime.fromisoformat(snapshot["expires_at"])

    async def _load(self, session_id: UUID) -> Snapshot | None:
        async with self.units() as unit:
            session = await unit.sessions.get(session_id)
            if session is None or not session.is_live(self.clock()):
                return None
            user = await unit.users.get(session.user_id)
            if user is None or not user.is_active or user.is_deleted:
                return None
            roles = set(await unit.roles.roles_of(user.id))
        if user.is_admin:
            roles.add(ADMIN)
        return {
            "user_id": str(user.id),
            "username": user.username,
            "roles": sorted(roles),
            "expires_at": session.expires_at.isoformat(),
        }


@attrs.define
class RefreshSession:
    """Trade a refresh token for a new pair. The old token stops working; presenting it again
    revokes the whole session, since one of the two holders must be a thief."""

    units: Units
    signer: TokenSigner
    rules: AuthRules
    clock: Clock = utc_now

    async def __call__(self, refresh_token: str) -> IssuedTokens:
        token_hash = hash_token(refresh_token)
        async with self.units() as unit:
            now = self.clock()
            record = await unit.sessions.find_token(token_hash)
            session = await unit.sessions.get(record.session_id) if record else None
            if record is None or session is None or not session.is_live(now):
                raise Unauthenticated("the refresh token is not valid")
            if record.replaced_at is not None or not await unit.sessions.mark_replaced(
                token_hash, now
            ):
                await unit.sessions.revoke(session.id, now, REUSED)
                await unit.commit()
                raise Unauthenticated("the refresh token was already used; the session has ended")
            if record.expires_at <= now:
                raise Unauthenticated("the refresh token has expired")
            await self._ensure_user_active(unit, session)
            expires_at = now + timedelta(seconds=self.rules.refresh_ttl_s)
            await unit.sessions.touch(session.id, now, expires_at)
            session.last_activity_at, session.expires_at = now, expires_at
            tokens = await issue_tokens(unit, self.signer, self.rules, session, now)
            await unit.commit()
        return tokens

    async def _ensure_user_active(self, unit: IdentityUnit, session: Session) -> None:
        user = await unit.users.get(session.user_id)
        if user is None or not user.is_active or user.is_deleted:
            raise Unauthenticated("the account is not active")


@attrs.define
class Logout:
    """End the caller's session (and the one a refresh token names, if it is theirs), or all."""

    units: Units
    clock: Clock = utc_now

    async def __call__(
        self,
        principal: Principal,
        refresh_token: str | None = None,
        everywhere: bool = False,
    ) -> None:
        async with self.units() as unit:
            now = self.clock()
            if everywhere:
                await unit.sessions.revoke_all(principal.user_id, now, SIGNED_OUT_EVERYWHERE)
            else:
                for session_id in await self._named(unit, principal, refresh_token):
                    await unit.sessions.revoke(session_id, now, SIGNED_OUT)
            await unit.activity.add(
                ActivityEvent(
                    Actions.LOGOUT,
                    user_id=principal.user_id,
                    username=principal.username,
                    resource_type="session",
                    resource_id=principal.session_id,
                    metadata={"everywhere": everywhere},
                )
            )
            await unit.commit()

    async def _named(
        self, unit: IdentityUnit, principal: Principal, refresh_token: str | None
    ) -> set[UUID]:
        named = {principal.session_id} if principal.session_id else set()
        if not refresh_token:
            return named
        record = await unit.sessions.find_token(hash_token(refresh_token))
        if record is not None:
            session = await unit.sessions.get(record.session_id)
            if session is not None and session.user_id == principal.user_id:
                named.add(session.id)
        return named


@attrs.define
class SessionsOfUser:
    """List, show and revoke the caller's own sessions."""

    units: Units
    clock: Clock = utc_now

    async def list(self, principal: Principal) -> list[Session]:
        async with self.units() as unit:
            return await unit.sessions.live_of(principal.user_id, self.clock())

    async def current(self, principal: Principal) -> Session:
        if principal.session_id is None:
            raise Unauthenticated("these credentials belong to no session")
        async with self.units() as unit:
            session = await unit.sessions.get(principal.session_id)
        if session is None or session.user_id != principal.user_id:
            raise NotFound("session not found")
        return session

    async def revoke(self, principal: Principal, session_id: UUID) -> None:
        """Revoke one of the caller's sessions; another user's session is "not found"."""
        async with self.units() as unit:
            session = await unit.sessions.get(session_id)
            if session is None or session.user_id != principal.user_id:
                raise NotFound("session not found", {"session_id": str(session_id)})
            await unit.sessions.revoke(session_id, self.clock(), ENDED_BY_USER)
            await unit.commit()

    async def revoke_others(self, principal: Principal) -> None:
        async with self.units() as unit:
            await unit.sessions.revoke_all(
                principal.user_id, self.clock(), ENDED_BY_USER, keep=principal.session_id
            )
            await unit.commit()
