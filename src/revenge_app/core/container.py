"""The shared pieces: the engine, Redis, the event bus, the caches, the search engine, the job
queue, the catalogue's read filter and the activity log. Resources are opened by
`init_resources()` and closed by `shutdown_resources()` on the root container."""

from __future__ import annotations

from collections.abc import AsyncIterator

import redis.asyncio as aioredis
from dependency_injector import containers, providers
from sqlalchemy.ext.asyncio import AsyncEngine

from revenge_adapters.activity import stored_activity_log
from revenge_adapters.cache import TwoLevelCache, redis_client
from revenge_adapters.email import LoggingEmailSender
from revenge_adapters.events import RedisEventBus
from revenge_adapters.languages import PgLanguagePreferences
from revenge_adapters.libraries import PgLibraryAccess
from revenge_adapters.postgres import bind_pool_metrics, create_engine, create_session_factory
from revenge_adapters.rate_limits import redis_rate_limits
from revenge_adapters.search import TypesenseSearchIndex
from revenge_app.config import Config
from revenge_app.core.secrets import mfa_cipher, signing_secret
from revenge_app.embedded.stack import ServiceUrls
from revenge_app.jobs.runtime import job_platform
from revenge_domain.catalog_cache import CatalogCacheFollower


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


class Core(containers.DeclarativeContainer):
    config = providers.Dependency(instance_of=Config)
    urls = providers.Dependency(instance_of=ServiceUrls)
    key_prefix = config.provided.cache.key_prefix

    engine = providers.Resource(_engine, config, urls)
    sessions = providers.Singleton(create_session_factory, engine)
    redis = providers.Resource(_redis, urls)
    rate_limits = providers.Singleton(redis_rate_limits, redis, key_prefix)
    events = providers.Resource(_event_bus, redis, config)
    catalog_cache = providers.Resource(_cache, redis, events, config, name="catalog")
    credentials_cache = providers.Resource(_cache, redis, events, config, name="credentials")
    metadata_cache = providers.Resource(_cache, redis, events, config, name="metadata")
    search_index = providers.Resource(_search_index, config, urls)
    jobs = providers.Resource(job_platform, config, urls.provided.redis_url)
    queue = jobs.provided.queue
    activity_log = providers.Singleton(stored_activity_log, sessions, queue)
    email_sender = providers.Singleton(LoggingEmailSender)
    signing_secret = providers.Singleton(signing_secret, config)
    mfa_cipher = providers.Singleton(mfa_cipher, config)
    # The catalogue's read filter: every catalogue read asks it which libraries the caller may read.
    library_access = providers.Singleton(PgLibraryAccess, sessions, catalog_cache)
    languages = providers.Singleton(PgLanguagePreferences, sessions, catalog_cache)
    # Drops the catalogue cache entries of what changed (one of the catalogue's followers).
    catalog_follower = providers.Singleton(CatalogCacheFollower, catalog_cache, languages)
