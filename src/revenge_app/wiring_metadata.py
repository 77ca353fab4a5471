"""Metadata providers from the `metadata` settings, their cache, and the metadata read use cases."""

from __future__ import annotations

from collections.abc import AsyncIterator

import attrs

from revenge_adapters.metadata import (
    FanartProvider,
    OmdbProvider,
    ProviderSettings,
    TmdbProvider,
    TvdbProvider,
)
from revenge_adapters.metadata.cached import (
    CachedArtworkProvider,
    CachedMovieProvider,
    CachedPersonProvider,
    CachedRatingsProvider,
    CachedTVProvider,
)
from revenge_adapters.outbound import OutboundPolicy
from revenge_app.config import Config, MetadataConfig
from revenge_app.http.state import UseCases
from revenge_app.wiring_outbound import outbound_policy
from revenge_domain.metadata.lookup import MetadataLookup
from revenge_domain.metadata.model import Capability, Provider, ProviderStatus
from revenge_domain.metadata.ports import (
    ArtworkProvider,
    MovieProvider,
    PersonProvider,
    RatingsProvider,
    TVProvider,
)
from revenge_domain.ports.cache import Cache

NAMES = {
    Provider.TMDB: "The Movie Database",
    Provider.TVDB: "TheTVDB",
    Provider.OMDB: "OMDb",
    Provider.FANART: "Fanart.tv",
}
CAPABILITIES = {
    Provider.TMDB: (
        Capability.MOVIE,
        Capability.TVSHOW,
        Capability.PERSON,
        Capability.IMAGE,
        Capability.COLLECTION,
    ),
    Provider.TVDB: (Capability.TVSHOW, Capability.IMAGE),
    Provider.OMDB: (Capability.RATINGS,),
    Provider.FANART: (Capability.IMAGE,),
}


def provider_settings(
    metadata: MetadataConfig, provider: Provider, policy: OutboundPolicy | None = None
) -> ProviderSettings:
    """How to reach `provider`, from the settings `metadata.<provider>_*`."""
    prefix = {Provider.FANART: "fanarttv"}.get(provider, provider.value)
    rate = float(getattr(metadata, f"{prefix}_rate_per_s"))
    return ProviderSettings(
        name=provider.value,
        base_url=getattr(metadata, f"{prefix}_base_url"),
        api_key=getattr(metadata, f"{prefix}_api_key"),
        timeout_s=getattr(metadata, f"{prefix}_timeout_s"),
        rate_per_s=rate,
        burst=max(1, int(rate * 2)),
        language=metadata.language,
        fallback_language=metadata.fallback_language,
        policy=policy or OutboundPolicy(),
    )


@attrs.frozen
class MetadataProviders:
    """The configured provider adapters (None: no API key), uncached."""

    tmdb: TmdbProvider | None = None
    tvdb: TvdbProvider | None = None
    omdb: OmdbProvider | None = None
    fanart: FanartProvider | None = None

    async def close(self) -> None:
        for adapter in (self.tmdb, self.tvdb, self.omdb, self.fanart):
            if adapter is not None:
                await adapter.close()


def build_metadata_providers(config: Config) -> MetadataProviders:
    settings = config.metadata

    def enabled(provider: Provider) -> ProviderSettings | None:
        found = provider_settings(settings, provider, outbound_policy(config))
        return found if found.enabled else None

    tmdb, tvdb = enabled(Provider.TMDB), enabled(Provider.TVDB)
    omdb, fanart = enabled(Provider.OMDB), enabled(Provider.FANART)
    return MetadataProviders(
        tmdb=TmdbProvider(tmdb) if tmdb else None,
        tvdb=TvdbProvider(tvdb, pin=settings.tvdb_pin) if tvdb else None,
        omdb=OmdbProvider(omdb) if omdb else None,
        fanart=FanartProvider(fanart, client_key=settings.fanarttv_client_key) if fanart else None,
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
    ratings: RatingsProvider | None
    artwork: ArtworkProvider | None


def cached_providers(built: MetadataProviders, cache: Cache) -> CachedProviders:
    tmdb, tvdb = Provider.TMDB.value, Provider.TVDB.value
    movies: dict[str, MovieProvider] = {}
    series: dict[str, TVProvider] = {}
    people: dict[str, PersonProvider] = {}
    if built.tmdb is not None:
        movies[tmdb] = CachedMovieProvider(built.tmdb, tmdb, cache)
        series[tmdb] = CachedTVProvider(built.tmdb, tmdb, cache)
        people[tmdb] = CachedPersonProvider(built.tmdb, tmdb, cache)
    if built.tvdb is not None:
        series[tvdb] = CachedTVProvider(built.tvdb, tvdb, cache)
    omdb, fanart = built.omdb, built.fanart
    return CachedProviders(
        movies=movies,
        series=series,
        people=people,
        ratings=CachedRatingsProvider(omdb, Provider.OMDB.value, cache) if omdb else None,
        artwork=CachedArtworkProvider(fanart, Provider.FANART.value, cache) if fanart else None,
    )


def provider_statuses(config: Config) -> tuple[ProviderStatus, ...]:
    return tuple(
        ProviderStatus(
            id=provider,
            name=NAMES[provider],
            capabilities=CAPABILITIES[provider],
            enabled=provider_settings(config.metadata, provider).enabled,
        )
        for provider in Provider
    )


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
