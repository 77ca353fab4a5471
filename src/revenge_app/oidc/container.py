"""OIDC sign-in: the provider client, the stores, and the use cases."""

from __future__ import annotations

from collections.abc import AsyncIterator
from functools import partial
from urllib.parse import urlsplit

import attrs
import redis.asyncio as aioredis
from aiohttp import web
from dependency_injector import containers, providers
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.oidc import AiohttpOidcClient, PgOidcUnit, RedisAuthRequests
from revenge_app.config import Config
from revenge_app.core.outbound import outbound_policy
from revenge_domain.activity import ActivityLog
from revenge_domain.identity import Login
from revenge_domain.mfa import SecretCipher
from revenge_domain.mfa.login import SignInWithSecondFactor
from revenge_domain.oidc import OidcProviders, OidcSignIn
from revenge_domain.oidc.ports import OidcClient
from revenge_domain.ports.catalog_changes import CatalogChanges

CALLBACK_PATH = "/api/v1/oidc/callback/"


@attrs.frozen
class Oidc:
    # Sign-in through OIDC providers and account links.
    sign_in: OidcSignIn
    # The admin's provider settings.
    providers: OidcProviders


OIDC = web.AppKey("oidc", Oidc)


async def open_oidc_client(config: Config) -> AsyncIterator[AiohttpOidcClient]:
    client = AiohttpOidcClient(
        config.oidc.http_timeout_s, config.oidc.discovery_ttl_s, outbound_policy(config)
    )
    yield client
    await client.close()


def callback_url(public_url: str, provider_name: str) -> str:
    return f"{public_url}{CALLBACK_PATH}{provider_name}"


def oidc_sign_in(
    session_factory: async_sessionmaker[AsyncSession],
    client: OidcClient,
    redis: aioredis.Redis,
    config: Config,
    cipher: SecretCipher,
    login: Login,
    second_factor: SignInWithSecondFactor,
    activity: ActivityLog,
    changes: CatalogChanges,
) -> OidcSignIn:
    """Completed like a password sign-in, second factor included."""
    public = config.server.effective_public_url()
    origin = urlsplit(public)
    return OidcSignIn(
        partial(PgOidcUnit, session_factory),
        client,
        RedisAuthRequests(redis, config.cache.key_prefix),
        cipher,
        login,
        partial(callback_url, public),
        origins=(f"{origin.scheme}://{origin.netloc}",),
        second_factor=second_factor,
        state_ttl_s=config.oidc.state_ttl_s,
        activity=activity,
        changes=changes,
    )


def oidc_providers(
    session_factory: async_sessionmaker[AsyncSession],
    config: Config,
    cipher: SecretCipher,
) -> OidcProviders:
    """The providers' admin; client secrets are encrypted with the MFA key."""
    return OidcProviders(
        partial(PgOidcUnit, session_factory),
        cipher,
        url_rule=outbound_policy(config).refusal,
    )


class OidcContainer(containers.DeclarativeContainer):
    core = providers.DependenciesContainer()
    # The password sign-in whose completion OIDC shares, and its second factor.
    login: providers.Dependency[Login] = providers.Dependency()
    second_factor: providers.Dependency[SignInWithSecondFactor] = providers.Dependency()
    changes: providers.Dependency[CatalogChanges] = providers.Dependency()

    client = providers.Resource(open_oidc_client, core.config)
    sign_in = providers.Singleton(
        oidc_sign_in,
        core.sessions,
        client,
        core.redis,
        core.config,
        core.mfa_cipher,
        login,
        second_factor,
        core.activity_log,
        changes,
    )
    admin = providers.Singleton(oidc_providers, core.sessions, core.config, core.mfa_cipher)
    services = providers.Singleton(Oidc, sign_in=sign_in, providers=admin)
