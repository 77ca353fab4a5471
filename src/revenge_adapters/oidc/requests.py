"""Sign-ins in flight in Redis: one key per `state`, expiring, taken once."""

from __future__ import annotations

import logging
from uuid import UUID

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from revenge_adapters.cache.one_time import OneTimeValues
from revenge_domain.oidc.model import AuthRequest, OidcProviderUnavailable

log = logging.getLogger(__name__)


class RedisAuthRequests:
    def __init__(self, client: aioredis.Redis, key_prefix: str) -> None:
        self._values = OneTimeValues(client, f"{key_prefix}oidc:state:")

    async def put(self, state: str, request: AuthRequest, ttl_s: int) -> None:
        value = {
            "provider_id": str(request.provider_id),
            "code_verifier": request.code_verifier,
            "nonce": request.nonce,
            "redirect_uri": request.redirect_uri,
            "user_id": str(request.user_id) if request.user_id else None,
            "return_to": request.return_to,
        }
        try:
            await self._values.put(state.encode(), value, ttl_s)
        except RedisError:
            log.warning("OIDC state store unavailable", exc_info=True)
            raise OidcProviderUnavailable("sign-in through a provider is unavailable") from None

    async def take(self, state: str) -> AuthRequest | None:
        value = await self._values.take(state.encode())
        if value is None:
            return None
        return AuthRequest(
            provider_id=UUID(value["provider_id"]),
            code_verifier=value["code_verifier"],
            nonce=value["nonce"],
            redirect_uri=value["redirect_uri"],
            user_id=UUID(value["user_id"]) if value["user_id"] else None,
            return_to=value["return_to"],
        )
