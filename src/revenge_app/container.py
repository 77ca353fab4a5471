"""The composition root: the one place where adapters meet ports.

Resources (engine, Redis, event bus, caches, search index, job platform) are opened by
`await container.init_resources()` and closed by `await container.shutdown_resources()`.
Tests override any provider with a fake (`container.search_index.override(...)`).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator
from functools import partial
from pathlib import Path

import redis.asyncio as aioredis
from dependency_injector import containers, providers
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from revenge_adapters.cache import TwoLevelCache, redis_client
from revenge_adapters.events import RedisEventBus
from revenge_adapters.identity import Argon2PasswordHasher, JwtTokenSigner, PgIdentityUnit
from revenge_adapters.postgres import bind_pool_metrics, create_engine, create_session_factory
from revenge_adapters.search import TypesenseSearchIndex
from revenge_app.config import Config
from revenge_app.embedded.stack import ServiceUrls
from revenge_app.http.state import UseCases
from revenge_app.jobs.runtime import job_platform
from revenge_domain.identity import (
    Authenticate,
    AuthRules,
    ChangePassword,
    DefaultPermissionPolicy,
    Lockout,
    Login,
    Logout,
    PasswordHasher,
    RefreshSession,
    Register,
    SessionsOfUser,
    TokenSigner,
)

AUTH_SECRET_FILE = "auth-secret"  # noqa: S105 - a file name


async def _engine(config: Config, urls: ServiceUrls) -> AsyncIterator[AsyncEngine]:
    db = config.database
    engine = create_engine(urls.database_url, db.pool_size, db.max_overflow, db.pool_timeout_s)
    bind_pool_metrics(engine)
    yield engine
    await engine.dispose()


async def _redis(urls: ServiceUrls) -> AsyncIterator[aioredis.Redis]:
    client = redis_client(urls.redis_url)
    yield client
    await client.aclose()


async def _event_bus(client: aioredis.Redis, config: Config) -> AsyncIterator[RedisEventBus]:
    bus = RedisEventBus(client, config.cache.key_prefix)
    await bus.start()
    yield bus
    await bus.close()


async def _cache(
    client: aioredis.Redis, events: RedisEventBus, config: Config, name: str
) -> AsyncIterator[TwoLevelCache]:
    settings = config.cache
    cache = TwoLevelCache(
        client,
        events,
        name=name,
        key_prefix=settings.key_prefix,
        l1_max_size=settings.l1_max_size,
        l1_ttl_s=settings.l1_ttl_s,
    )
    await cache.start()
    yield cache
    await cache.close()


async def _search_index(
    config: Config, urls: ServiceUrls
) -> AsyncIterator[TypesenseSearchIndex | None]:
    if not urls.search_url:
        yield None
        return
    search = config.search
    index = TypesenseSearchIndex(
        urls.search_url,
        urls.search_api_key,
        prefix=search.collection_prefix,
        timeout_s=search.timeout_s,
    )
    yield index
    await index.close()


def signing_secret(config: Config) -> str:
    """The configured secret, else one generated on first use and kept in the data directory."""
    if config.auth.jwt_secret:
        return config.auth.jwt_secret
    path = Path(config.data_dir) / AUTH_SECRET_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process of this server wrote it first
        else:
            with os.fdopen(fd, "w") as out:
                out.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


def auth_rules(config: Config) -> AuthRules:
    auth = config.auth
    return AuthRules(
        access_ttl_s=auth.access_ttl_s,
        refresh_ttl_s=auth.refresh_ttl_s,
        registration_enabled=auth.registration_enabled,
        lockout=Lockout(
            auth.lockout_threshold, auth.lockout_address_threshold, auth.lockout_window_s
        ),
    )


def identity_use_cases(
    session_factory: async_sessionmaker[AsyncSession],
    hasher: PasswordHasher,
    signer: TokenSigner,
    rules: AuthRules,
) -> UseCases:
    units = partial(PgIdentityUnit, session_factory)
    return UseCases(
        authenticate=Authenticate(units, signer, DefaultPermissionPolicy()),
        register=Register(units, hasher, rules),
        login=Login(units, hasher, signer, rules),
        change_password=ChangePassword(units, hasher),
        refresh=RefreshSession(units, signer, rules),
        logout=Logout(units),
        sessions=SessionsOfUser(units),
    )


class Container(containers.DeclarativeContainer):
    config = providers.Dependency(instance_of=Config)
    urls = providers.Dependency(instance_of=ServiceUrls)

    engine = providers.Resource(_engine, config, urls)
    session_factory = providers.Singleton(create_session_factory, engine)
    redis = providers.Resource(_redis, urls)
    events = providers.Resource(_event_bus, redis, config)
    catalog_cache = providers.Resource(_cache, redis, events, config, name="catalog")
    search_index = providers.Resource(_search_index, config, urls)
    jobs = providers.Resource(job_platform, config, urls.provided.redis_url)
    password_hasher = providers.Singleton(Argon2PasswordHasher)
    token_signer = providers.Singleton(JwtTokenSigner, providers.Callable(signing_secret, config))
    auth_rules = providers.Singleton(auth_rules, config)
    use_cases = providers.Singleton(
        identity_use_cases, session_factory, password_hasher, token_signer, auth_rules
    )
