"""Metadata providers from the `metadata` settings, their cache, and the metadata read use cases."""

from __future__ import annotations

from collections.abc import AsyncIterator

import attrs

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
from revenge_adapters.outbound import OutboundPolicy
from revenge_app.config import Config, MetadataConfig
from revenge_app.http.state import UseCases
from revenge_app.wiring_outbound import outbound_policy
from revenge_domain.metadata.lookup import MetadataLookup
from revenge_domain.metadata.model import ProviderStatus
from revenge_domain.metadata.ports import (
    ArtworkProvider,
    MovieProvider,
    PersonProvider,
    RatingsProvider,
    TVProvider,
)
from revenge_domain.ports.cache import Cache

__all__ = ["MetadataProviders", "build_metadata_providers", "metadata_providers"]


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


def with_metadata_reads(
    use_cases: UseCases, config: Config, built: MetadataProviders, cache: Cache
) -> UseCases:
    """`use_cases` plus the metadata read endpoints, answered by the providers through `cache`."""
    return attrs.evolve(use_cases, metadata=metadata_lookup(config, built, cache))
