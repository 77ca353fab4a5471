"""Wiring of OIDC sign-in: the provider client, the stores, and the use cases."""

from __future__ import annotations

from collections.abc import AsyncIterator
from functools import partial
from urllib.parse import urlsplit

import attrs
import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.oidc import AiohttpOidcClient, PgOidcUnit, RedisAuthRequests
from revenge_app.config import Config
from revenge_app.http.state import UseCases
from revenge_app.wiring_outbound import outbound_policy
from revenge_domain.activity import NO_ACTIVITY, ActivityLog
from revenge_domain.mfa import SecretCipher
from revenge_domain.oidc import OidcProviders, OidcSignIn
from revenge_domain.oidc.ports import OidcClient
from revenge_domain.ports.catalog_changes import CatalogChanges, NoCatalogChanges

CALLBACK_PATH = "/api/v1/oidc/callback/"


async def open_oidc_client(config: Config) -> AsyncIterator[AiohttpOidcClient]:
    client = AiohttpOidcClient(
        config.oidc.http_timeout_s, config.oidc.discovery_ttl_s, outbound_policy(config)
    )
    yield client
    await client.close()


def callback_url(public_url: str, provider_name: str) -> str:
    return f"{public_url}{CALLBACK_PATH}{provider_name}"


def with_oidc(
    use_cases: UseCases,
    session_factory: async_sessionmaker[AsyncSession],
    client: OidcClient,
    redis: aioredis.Redis,
    config: Config,
    cipher: SecretCipher,
    activity: ActivityLog = NO_ACTIVITY,
    changes: CatalogChanges | None = None,
) -> UseCases:
    """`use_cases` plus OIDC sign-in (completed like a password sign-in, second factor
    included) and the providers' admin. Client secrets are encrypted with the MFA key."""
    if use_cases.login is None:
        return use_cases
    units = partial(PgOidcUnit, session_factory)
    public = config.server.effective_public_url()
    origin = urlsplit(public)
    sign_in = OidcSignIn(
        units,
        client,
        RedisAuthRequests(redis, config.cache.key_prefix),
        cipher,
        use_cases.login,
        partial(callback_url, public),
        origins=(f"{origin.scheme}://{origin.netloc}",),
        second_factor=use_cases.mfa_login,
        state_ttl_s=config.oidc.state_ttl_s,
        activity=activity,
        changes=changes or NoCatalogChanges(),
    )
    admin = OidcProviders(
        units, cipher, activity=activity, url_rule=outbound_policy(config).refusal
    )
    return attrs.evolve(use_cases, oidc=sign_in, oidc_providers=admin)
