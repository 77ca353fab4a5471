"""Metadata refresh: the job use cases over PostgreSQL and the configured providers, and the
refresh endpoints' use case."""

from __future__ import annotations

import attrs
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.movies.enrichment import PgMovieMetadataStore
from revenge_adapters.people import PgPersonMetadataStore
from revenge_adapters.refresh_log import PgRefreshLog
from revenge_adapters.tvshows.enrichment import PgSeriesMetadataStore
from revenge_app.config import MetadataConfig
from revenge_app.http.state import UseCases
from revenge_app.wiring_metadata import MetadataProviders
from revenge_domain.libraries import LibraryAccess
from revenge_domain.metadata.refresh import (
    EnrichTitles,
    MetadataRefresh,
    RefreshContext,
    RefreshEpisode,
    RefreshMovie,
    RefreshPerson,
    RefreshRequests,
    RefreshSeason,
    RefreshSeries,
)
from revenge_domain.ports.catalog_changes import CatalogChanges
from revenge_domain.ports.jobs import JobQueue

Sessions = async_sessionmaker[AsyncSession]


def refresh_languages(settings: MetadataConfig) -> tuple[str, ...]:
    """The configured language first (main columns), then the fallback (its `*_i18n` too)."""
    return tuple(dict.fromkeys((settings.language, settings.fallback_language)))


def metadata_refresh(
    sessions: Sessions,
    built: MetadataProviders,
    queue: JobQueue,
    changes: CatalogChanges,
    settings: MetadataConfig,
) -> MetadataRefresh:
    """Refreshes call the providers directly (not through the read cache): a forced refresh
    must see what the provider says now."""
    movies, series = PgMovieMetadataStore(sessions), PgSeriesMetadataStore(sessions)
    enrich = built.omdb is not None or built.fanart is not None
    context = RefreshContext(
        PgRefreshLog(sessions), changes, queue, languages=refresh_languages(settings), enrich=enrich
    )
    tmdb = built.tmdb
    return MetadataRefresh(
        movie=RefreshMovie(movies, context, tmdb),
        series=RefreshSeries(series, context, tmdb),
        season=RefreshSeason(series, context, tmdb),
        episode=RefreshEpisode(series, context, tmdb),
        person=RefreshPerson(PgPersonMetadataStore(sessions), context, tmdb),
        enrich=EnrichTitles(movies, series, context, built.omdb, built.fanart),
    )


def with_metadata_refresh(
    use_cases: UseCases, sessions: Sessions, access: LibraryAccess, queue: JobQueue
) -> UseCases:
    """`use_cases` plus the refresh endpoints (they queue jobs, never call a provider)."""
    requests = RefreshRequests(
        PgMovieMetadataStore(sessions), PgSeriesMetadataStore(sessions), access, queue
    )
    return attrs.evolve(use_cases, metadata_refresh=requests)
