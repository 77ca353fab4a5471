"""Metadata refresh: the job use cases over PostgreSQL and the configured providers."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.metadata.plugin import MetadataProviders
from revenge_adapters.movies.enrichment import PgMovieMetadataStore
from revenge_adapters.people import PgPersonMetadataStore
from revenge_adapters.refresh_log import PgRefreshLog
from revenge_adapters.tvshows.enrichment import PgSeriesMetadataStore
from revenge_app.config import MetadataConfig
from revenge_domain.metadata.lookup import PRIMARY
from revenge_domain.metadata.refresh import (
    EnrichTitles,
    MetadataRefresh,
    RefreshContext,
    RefreshEpisode,
    RefreshMovie,
    RefreshPerson,
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
    ratings = next(iter(built.ratings().values()), None)
    artwork = next(iter(built.artwork().values()), None)
    enrich = ratings is not None or artwork is not None
    context = RefreshContext(
        PgRefreshLog(sessions), changes, queue, languages=refresh_languages(settings), enrich=enrich
    )
    movies_source, series_source = built.movies().get(PRIMARY), built.series().get(PRIMARY)
    people_source = built.people().get(PRIMARY)
    return MetadataRefresh(
        movie=RefreshMovie(movies, context, movies_source),
        series=RefreshSeries(series, context, series_source),
        season=RefreshSeason(series, context, series_source),
        episode=RefreshEpisode(series, context, series_source),
        person=RefreshPerson(PgPersonMetadataStore(sessions), context, people_source),
        enrich=EnrichTitles(movies, series, context, ratings, artwork),
    )
