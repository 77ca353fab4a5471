"""Validated credentials kept briefly in the shared cache, so a request costs no database trip.

A snapshot says who the credential belongs to (or None: it is no longer valid). Revoking a
credential deletes its entry at once, on every instance; anything else that changes (roles, a
disabled account) is seen when the entry expires, after at most `ttl_s` seconds.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from uuid import UUID

import attrs

from revenge_domain.ports.cache import Cache, Loader

CREDENTIAL_TTL_S = 30.0

Snapshot = dict[str, Any]


def session_key(session_id: UUID) -> str:
    return f"session:{session_id}"


def api_key_key(key_hash: str) -> str:
    return f"api_key:{key_hash}"


@attrs.define
class CredentialCache:
    """Read-through cache of credential snapshots; without a cache every lookup loads."""

    cache: Cache | None = None
    ttl_s: float = CREDENTIAL_TTL_S

    async def session(self, session_id: UUID, load: Loader[Snapshot | None]) -> Snapshot | None:
        return await self._read(session_key(session_id), load)

    async def api_key(self, key_hash: str, load: Loader[Snapshot | None]) -> Snapshot | None:
        return await self._read(api_key_key(key_hash), load)

    async def forget_sessions(self, session_ids: Iterable[UUID]) -> None:
        for session_id in session_ids:
            await self._forget(session_key(session_id))

    async def forget_api_key(self, key_hash: str) -> None:
        await self._forget(api_key_key(key_hash))

    async def _read(self, key: str, load: Loader[Snapshot | None]) -> Snapshot | None:
        if self.cache is None:
            return await load()
        return await self.cache.get_or_load(key, load, self.ttl_s)

    async def _forget(self, key: str) -> None:
        if self.cache is not None:
            await self.cache.delete(key)
