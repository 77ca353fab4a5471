"""Refreshing a series, a season or an episode from the TV provider (TMDb).

Seasons and episodes are matched to existing rows by their numbers; a refresh never creates
them (scans do). A series refresh queues one refresh per existing season.
"""

from __future__ import annotations

import attrs

from revenge_domain.metadata.jobs import (
    RefreshEpisodeMetadata,
    RefreshSeasonMetadata,
    RefreshSeriesMetadata,
)
from revenge_domain.metadata.model import Series, SeriesResult
from revenge_domain.metadata.ports import TVProvider
from revenge_domain.metadata.refresh.context import RefreshContext, settled
from revenge_domain.metadata.refresh.convert import (
    episode_facts,
    season_facts,
    series_facts,
    summary_of,
)
from revenge_domain.metadata.refresh.matching import best_series
from revenge_domain.metadata.refresh.model import SeriesFacts, SeriesTarget
from revenge_domain.metadata.refresh.ports import SeriesMetadataStore
from revenge_domain.metadata.refresh.titles import TitleKind, refresh_title
from revenge_domain.ports.catalog_changes import Entity


@attrs.frozen
class RefreshSeries:
    store: SeriesMetadataStore
    context: RefreshContext
    provider: TVProvider | None = None  # None: not configured, nothing to do

    async def __call__(self, job: RefreshSeriesMetadata) -> None:
        if self.provider is not None:
            await settled(self._refresh(job, self.provider))

    async def _refresh(self, job: RefreshSeriesMetadata, provider: TVProvider) -> None:
        target = await refresh_title(self.context, job, job.series_id, self._kind(provider))
        if target is not None and job.include_seasons:
            await self._queue_seasons(target, job)

    def _kind(
        self, provider: TVProvider
    ) -> TitleKind[SeriesTarget, SeriesResult, Series, SeriesFacts]:
        return TitleKind(
            "series",
            Entity.SERIES,
            self.store.series,
            lambda title, language, year: provider.search_series(title, language, year=year),
            best_series,
            provider.series,
            series_facts,
            self.store.write_series,
        )

    async def _queue_seasons(self, target: SeriesTarget, job: RefreshSeriesMetadata) -> None:
        for season in target.seasons:
            await self.context.enqueue_quietly(
                RefreshSeasonMetadata(
                    job.force,
                    job.languages,
                    series_id=target.id,
                    season_id=season.id,
                    season_number=season.season_number,
                    include_episodes=job.include_episodes,
                )
            )


@attrs.frozen
class RefreshSeason:
    """The season and, unless told otherwise, its existing episodes (one provider call per
    language: the provider's season carries its episodes)."""

    store: SeriesMetadataStore
    context: RefreshContext
    provider: TVProvider | None = None  # None: not configured, nothing to do

    async def __call__(self, job: RefreshSeasonMetadata) -> None:
        if self.provider is not None:
            await settled(self._refresh(job, self.provider))

    async def _refresh(self, job: RefreshSeasonMetadata, provider: TVProvider) -> None:
        if await self.context.is_fresh(job, job.season_id):
            return
        target = await self.store.season(job.season_id)
        if target is None or target.series_tmdb_id is None:
            return  # gone, or its series is not matched yet (the series refresh comes first)
        languages = self.context.languages_for(job.languages)
        series, number = str(target.series_tmdb_id), target.season_number
        versions = await self.context.versions(
            job,
            target.id,
            languages,
            lambda language: provider.season(series, number, language),
            f"no season {number}",
        )
        if versions is None:
            return
        facts = season_facts(languages, versions)
        written = await self.store.write_season(target.id, facts, job.include_episodes)
        await self.context.refreshed(job, Entity.SEASON, target.id, written)


@attrs.frozen
class RefreshEpisode:
    store: SeriesMetadataStore
    context: RefreshContext
    provider: TVProvider | None = None  # None: not configured, nothing to do

    async def __call__(self, job: RefreshEpisodeMetadata) -> None:
        if self.provider is not None:
            await settled(self._refresh(job, self.provider))

    async def _refresh(self, job: RefreshEpisodeMetadata, provider: TVProvider) -> None:
        if await self.context.is_fresh(job, job.episode_id):
            return
        target = await self.store.episode(job.episode_id)
        if target is None or target.series_tmdb_id is None:
            return
        languages = self.context.languages_for(job.languages)
        series = str(target.series_tmdb_id)
        season, number = target.season_number, target.episode_number
        versions = await self.context.versions(
            job,
            target.id,
            languages,
            lambda language: provider.episode(series, season, number, language),
            f"no episode {season}x{number}",
        )
        if versions is None:
            return
        written = await self.store.write_episode(
            target.id, episode_facts(languages, [summary_of(v) for v in versions])
        )
        await self.context.refreshed(job, Entity.EPISODE, target.id, written)
