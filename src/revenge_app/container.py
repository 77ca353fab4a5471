"""The composition root: the one place where adapters meet ports.

Resources (engine, Redis, event bus, caches, search index, job platform) are opened by
`await container.init_resources()` and closed by `await container.shutdown_resources()`.
Tests override any provider with a fake (`container.search_index.override(...)`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import redis.asyncio as aioredis
from dependency_injector import containers, providers
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from revenge_adapters.activity import stored_activity_log
from revenge_adapters.cache import TwoLevelCache, redis_client
from revenge_adapters.email import LoggingEmailSender
from revenge_adapters.events import RedisEventBus
from revenge_adapters.identity import Argon2PasswordHasher, JwtTokenSigner
from revenge_adapters.identity.api_keys import PgApiKeyUses
from revenge_adapters.identity.rbac import stored_permission_policy
from revenge_adapters.languages import PgLanguagePreferences
from revenge_adapters.libraries import PgLibraryAccess
from revenge_adapters.postgres import bind_pool_metrics, create_engine, create_session_factory
from revenge_adapters.rate_limits import redis_rate_limits
from revenge_adapters.search import TypesenseSearchIndex
from revenge_app.config import Config
from revenge_app.embedded.stack import ServiceUrls
from revenge_app.http.state import UseCases
from revenge_app.jobs.runtime import job_platform
from revenge_app.wiring import (
    auth_rules,
    identity_use_cases,
    mfa_cipher,
    signing_secret,
    with_accounts,
    with_libraries,
    with_mfa,
    with_movies,
    with_settings_and_activity,
    with_tvshows,
    with_webauthn,
)
from revenge_app.wiring_images import image_cache, open_image_fetcher, with_images
from revenge_app.wiring_integrations import integration_syncs, open_arr_clients, with_integrations
from revenge_app.wiring_metadata import metadata_providers, with_metadata_reads
from revenge_app.wiring_oidc import open_oidc_client, with_oidc
from revenge_app.wiring_playback import with_playback
from revenge_app.wiring_refresh import metadata_refresh, with_metadata_refresh
from revenge_app.wiring_scanning import build_scanning, with_scanning
from revenge_app.wiring_search import with_search
from revenge_app.wiring_search_indexing import (
    indexing_schedule,
    search_follower,
    search_indexing,
    with_search_indexing,
)
from revenge_domain.catalog_cache import CatalogCacheFollower
from revenge_domain.ports.catalog_changes import FanOut


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


async def _api_key_uses(
    session_factory: async_sessionmaker[AsyncSession],
) -> AsyncIterator[PgApiKeyUses]:
    uses = PgApiKeyUses(session_factory)
    uses.start()
    yield uses
    await uses.close()


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


def _unchanged(use_cases: UseCases) -> UseCases:
    return use_cases


class Container(containers.DeclarativeContainer):
    config = providers.Dependency(instance_of=Config)
    urls = providers.Dependency(instance_of=ServiceUrls)

    engine = providers.Resource(_engine, config, urls)
    session_factory = providers.Singleton(create_session_factory, engine)
    redis = providers.Resource(_redis, urls)
    rate_limits = providers.Singleton(redis_rate_limits, redis, config.provided.cache.key_prefix)
    events = providers.Resource(_event_bus, redis, config)
    catalog_cache = providers.Resource(_cache, redis, events, config, name="catalog")
    credentials_cache = providers.Resource(_cache, redis, events, config, name="credentials")
    search_index = providers.Resource(_search_index, config, urls)
    jobs = providers.Resource(job_platform, config, urls.provided.redis_url)
    password_hasher = providers.Singleton(Argon2PasswordHasher)
    token_signer = providers.Singleton(JwtTokenSigner, providers.Callable(signing_secret, config))
    auth_rules = providers.Singleton(auth_rules, config)
    api_key_uses = providers.Resource(_api_key_uses, session_factory)
    permission_policy = providers.Resource(
        stored_permission_policy, session_factory, credentials_cache, events=events
    )
    mfa_cipher = providers.Singleton(mfa_cipher, config)
    base_use_cases = providers.Singleton(
        identity_use_cases,
        session_factory,
        password_hasher,
        token_signer,
        auth_rules,
        credentials=credentials_cache,
        key_uses=api_key_uses,
        policy=permission_policy,
    )
    email_sender = providers.Singleton(LoggingEmailSender)
    activity_log = providers.Singleton(stored_activity_log, session_factory, jobs.provided.queue)
    activity_use_cases = providers.Singleton(
        with_settings_and_activity,
        base_use_cases,
        session_factory,
        catalog_cache,
        jobs.provided.queue,
        log=activity_log,
    )
    account_use_cases = providers.Singleton(
        with_accounts,
        activity_use_cases,
        session_factory,
        password_hasher,
        config,
        email_sender,
        credentials=credentials_cache,
        activity=activity_log,
    )
    mfa_use_cases = providers.Singleton(
        with_mfa,
        account_use_cases,
        session_factory,
        mfa_cipher,
        providers.Callable(signing_secret, config),
        activity=activity_log,
    )
    webauthn_use_cases = providers.Singleton(
        with_webauthn, mfa_use_cases, session_factory, redis, config, token_signer, auth_rules
    )
    # --- Libraries ---
    # The catalog's read filter: every catalog read asks it which libraries the caller may read.
    library_access = providers.Singleton(PgLibraryAccess, session_factory, catalog_cache)
    # Who follows catalogue writes (scans, refreshes, account changes): each feature replaces
    # its own follower below.
    # --- catalog follower --- (drops the catalogue cache entries of what changed)
    catalog_languages = providers.Singleton(PgLanguagePreferences, session_factory, catalog_cache)
    catalog_cache_follower = providers.Singleton(
        CatalogCacheFollower, catalog_cache, catalog_languages
    )
    # --- search follower --- (queues the changed documents for indexing)
    search_schedule = providers.Singleton(
        indexing_schedule, redis, config.provided.cache.key_prefix, jobs.provided.queue
    )
    search_follower = providers.Singleton(search_follower, search_index, search_schedule)
    search_indexing = providers.Singleton(
        search_indexing, search_index, session_factory, search_schedule, catalog_cache
    )
    catalog_changes = providers.Singleton(FanOut, catalog_cache_follower, search_follower)
    library_use_cases = providers.Singleton(
        with_libraries,
        webauthn_use_cases,
        session_factory,
        library_access,
        activity=activity_log,
        changes=catalog_changes,
        events=events,
    )
    # --- movies ---
    movie_use_cases = providers.Singleton(
        with_movies,
        library_use_cases,
        session_factory,
        library_access,
        catalog_cache,
        languages=catalog_languages,
    )
    # --- tvshows ---
    tvshow_use_cases = providers.Singleton(
        with_tvshows,
        movie_use_cases,
        session_factory,
        library_access,
        catalog_cache,
        languages=catalog_languages,
    )
    # --- scanning ---
    scanning = providers.Singleton(
        build_scanning,
        session_factory,
        jobs.provided.queue,
        catalog_changes,
        config.provided.scanning,
        events,
    )
    scan_use_cases = providers.Singleton(with_scanning, tvshow_use_cases, scanning)
    # --- metadata ---
    # The provider adapters (HTTP sessions closed at shutdown) and their cache.
    metadata_providers = providers.Resource(metadata_providers, config)
    metadata_cache = providers.Resource(_cache, redis, events, config, name="metadata")
    # Refresh jobs (providers called directly, catalogue written, changes reported) and the
    # refresh endpoints, which only queue them.
    metadata_refresh = providers.Singleton(
        metadata_refresh,
        session_factory,
        metadata_providers,
        jobs.provided.queue,
        catalog_changes,
        config.provided.metadata,
    )
    metadata_refresh_use_cases = providers.Singleton(
        with_metadata_refresh, scan_use_cases, session_factory, library_access, jobs.provided.queue
    )
    metadata_use_cases = providers.Singleton(
        with_metadata_reads, metadata_refresh_use_cases, config, metadata_providers, metadata_cache
    )
    # --- images ---
    image_fetcher = providers.Resource(open_image_fetcher, config)
    image_cache = providers.Singleton(image_cache, config, image_fetcher, session_factory)
    image_use_cases = providers.Singleton(with_images, metadata_use_cases, image_cache)
    # --- search ---
    search_indexing_use_cases = providers.Singleton(
        with_search_indexing, image_use_cases, jobs.provided.queue, catalog_changes, search_index
    )
    search_use_cases = providers.Singleton(
        with_search,
        search_indexing_use_cases,
        session_factory,
        search_index,
        library_access,
        catalog_cache,
    )
    # --- oidc ---
    oidc_client = providers.Resource(open_oidc_client, config)
    oidc_use_cases = providers.Singleton(
        with_oidc,
        search_use_cases,
        session_factory,
        oidc_client,
        redis,
        config,
        mfa_cipher,
        activity=activity_log,
        changes=catalog_changes,
    )
    # --- playback ---
    playback_use_cases = providers.Singleton(
        with_playback, oidc_use_cases, redis, events, library_access, config, activity_log
    )
    # --- integrations --- (the last link of the chain is `use_cases`)
    arr_clients = providers.Resource(open_arr_clients, config)
    integration_syncs = providers.Singleton(
        integration_syncs, session_factory, arr_clients, jobs.provided.queue, catalog_changes
    )
    use_cases = providers.Singleton(
        with_integrations,
        playback_use_cases,
        session_factory,
        arr_clients,
        jobs.provided.queue,
        config.provided.integrations,
    )
