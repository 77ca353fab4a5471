"""OIDC adapters: provider HTTP client, PostgreSQL stores, sign-ins in flight in Redis."""

from revenge_adapters.oidc.client import AiohttpOidcClient
from revenge_adapters.oidc.requests import RedisAuthRequests
from revenge_adapters.oidc.unit import PgOidcUnit

__all__ = ["AiohttpOidcClient", "PgOidcUnit", "RedisAuthRequests"]
