"""Metadata: the providers from the `metadata` settings, reads through their cache, refresh
jobs and the refresh endpoints."""

from __future__ import annotations

from collections.abc import AsyncIterator

import attrs
from aiohttp import web
from dependency_injector import containers, providers

from revenge_adapters.metadata.cached import (
    CachedArtworkProvider,
    CachedMovieProvider,
    CachedPersonProvider,
    CachedRatingsProvider,
    CachedTVProvider,
)
from revenge_adapters.metadata.client import ProviderSettings
from revenge_adapters.metadata.plugin import MetadataProviders
from revenge_adapters.metadata.registry import PROVIDERS
from revenge_adapters.movies.enrichment import PgMovieMetadataStore
from revenge_adapters.outbound import OutboundPolicy
from revenge_adapters.tvshows.enrichment import PgSeriesMetadataStore
from revenge_app.config import Config, MetadataConfig
from revenge_app.core.outbound import outbound_policy
from revenge_app.metadata.refreshing import metadata_refresh
from revenge_domain.metadata.lookup import MetadataLookup
from revenge_domain.metadata.model import ProviderStatus
from revenge_domain.metadata.ports import (
    ArtworkProvider,
    MovieProvider,
    PersonProvider,
    RatingsProvider,
    TVProvider,
)
from revenge_domain.metadata.refresh import RefreshRequests
from revenge_domain.ports.cache import Cache
from revenge_domain.ports.catalog_changes import CatalogChanges

__all__ = ["MetadataProviders", "build_metadata_providers", "metadata_providers"]


@attrs.frozen
class Metadata:
    # Reads from the metadata providers (search, details, credits, images).
    lookup: MetadataLookup
    # The refresh endpoints of movies and TV shows: they queue refresh jobs.
    refresh: RefreshRequests


METADATA = web.AppKey("metadata", Metadata)


def provider_settings(
    metadata: MetadataConfig, name: str, policy: OutboundPolicy | None = None
) -> ProviderSettings:
    """How to reach the provider `name`, from the settings `metadata.<name>_*`."""
    plugin = next(p for p in PROVIDERS if p.name == name)
    own = metadata.providers.get(name) or plugin.settings()
    return plugin.connection(own, metadata.language, metadata.fallback_language, policy)


def build_metadata_providers(config: Config) -> MetadataProviders:
    metadata = config.metadata
    return PROVIDERS.build(
        metadata.providers, metadata.language, metadata.fallback_language, outbound_policy(config)
    )


async def metadata_providers(config: Config) -> AsyncIterator[MetadataProviders]:
    """The providers as a container resource: their HTTP sessions close at shutdown."""
    built = build_metadata_providers(config)
    yield built
    await built.close()


@attrs.frozen
class CachedProviders:
    """The configured providers by port, each read through the metadata cache."""

    movies: dict[str, MovieProvider]
    series: dict[str, TVProvider]
    people: dict[str, PersonProvider]
    ratings: dict[str, RatingsProvider]
    artwork: dict[str, ArtworkProvider]


def cached_providers(built: MetadataProviders, cache: Cache) -> CachedProviders:
    return CachedProviders(
        movies={n: CachedMovieProvider(p, n, cache) for n, p in built.movies().items()},
        series={n: CachedTVProvider(p, n, cache) for n, p in built.series().items()},
        people={n: CachedPersonProvider(p, n, cache) for n, p in built.people().items()},
        ratings={n: CachedRatingsProvider(p, n, cache) for n, p in built.ratings().items()},
        artwork={n: CachedArtworkProvider(p, n, cache) for n, p in built.artwork().items()},
    )


def provider_statuses(config: Config) -> tuple[ProviderStatus, ...]:
    return PROVIDERS.statuses(config.metadata.providers)


def metadata_lookup(config: Config, built: MetadataProviders, cache: Cache) -> MetadataLookup:
    cached = cached_providers(built, cache)
    return MetadataLookup(
        statuses=provider_statuses(config),
        default_language=config.metadata.language,
        movies=cached.movies,
        series_sources=cached.series,
        people=cached.people,
    )


class MetadataContainer(containers.DeclarativeContainer):
    core = providers.DependenciesContainer()
    # Hears of every title a refresh changes.
    changes: providers.Dependency[CatalogChanges] = providers.Dependency()

    config = core.config
    # The provider adapters (their HTTP sessions close at shutdown).
    sources = providers.Resource(metadata_providers, config)
    lookup = providers.Singleton(metadata_lookup, config, sources, core.metadata_cache)
    # Refresh jobs: providers called directly, catalogue written, changes reported.
    refresh = providers.Singleton(
        metadata_refresh,
        core.sessions,
        sources,
        core.queue,
        changes,
        config.provided.metadata,
    )
    # The refresh endpoints only queue jobs.
    movie_store = providers.Singleton(PgMovieMetadataStore, core.sessions)
    series_store = providers.Singleton(PgSeriesMetadataStore, core.sessions)
    requests = providers.Singleton(
        RefreshRequests, movie_store, series_store, core.library_access, core.queue
    )
    services = providers.Singleton(Metadata, lookup=lookup, refresh=requests)
