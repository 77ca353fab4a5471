"""Use cases of API keys: the owner creates, lists, shows and revokes them; a request proves
who it acts for with one."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

import attrs

from revenge_domain.activity import Actions, ActivityEvent
from revenge_domain.errors import Conflict, InvalidInput, NotFound, Unauthenticated
from revenge_domain.identity.access import ADMIN, AuthMethod, PermissionPolicy, Principal
from revenge_domain.identity.api_keys import (
    DESCRIPTION_MAX_LENGTH,
    MAX_ACTIVE_KEYS,
    NAME_MAX_LENGTH,
    READABLE_PERMISSIONS,
    ApiKey,
    CreatedApiKey,
    checked_scopes,
    is_well_formed,
    narrowed,
    new_secret,
    reads_only,
    shown_prefix,
)
from revenge_domain.identity.credential_cache import CredentialCache, Snapshot
from revenge_domain.identity.issuing import Clock, utc_now
from revenge_domain.identity.ports import ApiKeyUnit, ApiKeyUses
from revenge_domain.identity.session import hash_token

ApiKeyUnits = Callable[[], ApiKeyUnit]
INVALID_KEY = "the API key is unknown, expired or revoked"


@attrs.define
class ApiKeysOfUser:
    """The caller's own keys. Another user's key is "not found", never "forbidden"."""

    units: ApiKeyUnits
    credentials: CredentialCache = attrs.Factory(CredentialCache)
    clock: Clock = utc_now
    limit: int = MAX_ACTIVE_KEYS

    async def create(
        self,
        principal: Principal,
        name: str,
        scopes: list[str],
        description: str | None = None,
        expires_at: datetime | None = None,
    ) -> CreatedApiKey:
        now = self.clock()
        secret = new_secret()
        key = _new_key(principal, secret, name, scopes, description, expires_at, now)
        async with self.units() as unit:
            if await unit.api_keys.count_usable(principal.user_id, now) >= self.limit:
                raise Conflict(
                    f"a user may have at most {self.limit} active API keys; revoke one first",
                    {"limit": self.limit},
                )
            await unit.api_keys.add(key)
            await unit.activity.add(_key_event(Actions.APIKEY_CREATE, principal, key))
            await unit.commit()
        return CreatedApiKey(key, secret)

    async def list(self, principal: Principal) -> list[ApiKey]:
        async with self.units() as unit:
            return await unit.api_keys.of_user(principal.user_id)

    async def get(self, principal: Principal, key_id: uuid.UUID) -> ApiKey:
        async with self.units() as unit:
            return await _own_key(unit, principal, key_id)

    async def revoke(self, principal: Principal, key_id: uuid.UUID) -> None:
        """Deactivate the key; it is refused from the next request on, on every instance."""
        async with self.units() as unit:
            key = await _own_key(unit, principal, key_id)
            await unit.api_keys.deactivate(key.id, self.clock())
            await unit.activity.add(_key_event(Actions.APIKEY_REVOKE, principal, key))
            await unit.commit()
        await self.credentials.forget_api_key(key.key_hash)


@attrs.define
class AuthenticateApiKey:
    """The principal behind an `X-API-Key` secret: the owner, narrowed to the key's scopes."""

    units: ApiKeyUnits
    policy: PermissionPolicy
    credentials: CredentialCache = attrs.Factory(CredentialCache)
    uses: ApiKeyUses | None = None
    clock: Clock = utc_now
    readable: frozenset[str] = READABLE_PERMISSIONS

    async def __call__(self, secret: str) -> Principal:
        if not is_well_formed(secret):
            raise Unauthenticated(INVALID_KEY)
        key_hash = hash_token(secret)
        snapshot = await self.credentials.api_key(key_hash, lambda: self._load(key_hash))
        now = self.clock()
        if snapshot is None or _expired(snapshot, now):
            raise Unauthenticated(INVALID_KEY)
        if self.uses is not None:
            self.uses.record(uuid.UUID(snapshot["key_id"]), now)
        roles = frozenset(snapshot["roles"])
        permissions = self.policy.permissions_of(roles)
        return Principal(
            user_id=uuid.UUID(snapshot["user_id"]),
            username=snapshot["username"],
            roles=roles,
            permissions=narrowed(permissions, snapshot["scopes"], self.readable),
            session_id=None,
            method=AuthMethod.API_KEY,
            read_only=reads_only(snapshot["scopes"]),
        )

    async def _load(self, key_hash: str) -> Snapshot | None:
        async with self.units() as unit:
            key = await unit.api_keys.find_by_hash(key_hash)
            if key is None or not key.is_usable(self.clock()):
                return None
            user = await unit.users.get(key.user_id)
            if user is None or not user.is_active or user.is_deleted:
                return None
            roles = set(await unit.roles.roles_of(user.id))
        if user.is_admin:
            roles.add(ADMIN)
        expires_at = key.expires_at.isoformat() if key.expires_at else None
        return {
            "key_id": str(key.id),
            "user_id": str(user.id),
            "username": user.username,
            "roles": sorted(roles),
            "scopes": list(key.scopes),
            "expires_at": expires_at,
        }


def _key_event(action: str, principal: Principal, key: ApiKey) -> ActivityEvent:
    return ActivityEvent(
        action,
        user_id=principal.user_id,
        username=principal.username,
        resource_type="api_key",
        resource_id=key.id,
        metadata={"name": key.name, "scopes": list(key.scopes)},
    )


def _expired(snapshot: dict[str, Any], now: datetime) -> bool:
    expires_at = snapshot.get("expires_at")
    return expires_at is not None and now >= datetime.fromisoformat(expires_at)


async def _own_key(unit: ApiKeyUnit, principal: Principal, key_id: uuid.UUID) -> ApiKey:
    key = await unit.api_keys.get(key_id)
    if key is None or key.user_id != principal.user_id:
        raise NotFound("API key not found", {"key_id": str(key_id)})
    return key


def _new_key(
    principal: Principal,
    secret: str,
    name: str,
    scopes: list[str],
    description: str | None,
    expires_at: datetime | None,
    now: datetime,
) -> ApiKey:
    name = name.strip()
    if not name or len(name) > NAME_MAX_LENGTH:
        raise InvalidInput(f"name must have 1 to {NAME_MAX_LENGTH} characters", {"field": "name"})
    if description is not None and len(description) > DESCRIPTION_MAX_LENGTH:
        reason = f"description must have at most {DESCRIPTION_MAX_LENGTH} characters"
        raise InvalidInput(reason, {"field": "description"})
    if expires_at is not None and (expires_at.tzinfo is None or expires_at <= now):
        reason = "expires_at must be a future time with a time zone"
        raise InvalidInput(reason, {"field": "expires_at"})
    return ApiKey(
        id=uuid.uuid4(),
        user_id=principal.user_id,
        name=name,
        key_hash=hash_token(secret),
        key_prefix=shown_prefix(secret),
        scopes=checked_scopes(scopes),
        created_at=now,
        updated_at=now,
        description=description,
        expires_at=expires_at,
    )
