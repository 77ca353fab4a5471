"""Values kept in Redis for a short while and taken at most once (sign-in states, ceremony
challenges): stored under the SHA-256 of their secret, so the key never reveals it."""

from __future__ import annotations

import hashlib
import json
import logging
from typing import Any

import redis.asyncio as aioredis
from redis.exceptions import RedisError

log = logging.getLogger(__name__)


class OneTimeValues:
    def __init__(self, client: aioredis.Redis, prefix: str) -> None:
        self._client = client
        self._prefix = prefix

    async def put(self, secret: bytes, value: dict[str, Any], ttl_s: int) -> None:
        """Keep `value` for `ttl_s` seconds; a Redis failure is raised."""
        await self._client.set(self._key(secret), json.dumps(value), ex=ttl_s)

    async def take(self, secret: bytes) -> dict[str, Any] | None:
        """The value, removed in the same step (GETDEL); None when absent, expired, taken
        already, or when Redis cannot answer."""
        try:
            raw = await self._client.getdel(self._key(secret))
        except RedisError:
            log.warning("one-time value store unavailable", exc_info=True)
            return None
        if raw is None:
            return None
        value: dict[str, Any] = json.loads(raw)
        return value

    def _key(self, secret: bytes) -> str:
        return self._prefix + hashlib.sha256(secret).hexdigest()
