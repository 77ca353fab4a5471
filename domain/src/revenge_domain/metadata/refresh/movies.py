"""Refreshing one movie from its provider (TMDb)."""

from __future__ import annotations

import attrs

from revenge_domain.metadata.jobs import RefreshMovieMetadata
from revenge_domain.metadata.ports import MovieProvider
from revenge_domain.metadata.refresh.context import RefreshContext, settled
from revenge_domain.metadata.refresh.convert import movie_facts
from revenge_domain.metadata.refresh.matching import best_movie, title_versions
from revenge_domain.metadata.refresh.ports import MovieMetadataStore
from revenge_domain.ports.catalog_changes import Entity


@attrs.frozen
class RefreshMovie:
    """Find the movie at the provider (stored id, else title and year) and write what it says."""

    store: MovieMetadataStore
    context: RefreshContext
    provider: MovieProvider | None = None  # None: not configured, nothing to do

    async def __call__(self, job: RefreshMovieMetadata) -> None:
        if self.provider is not None:
            await settled(self._refresh(job, self.provider))

    async def _refresh(self, job: RefreshMovieMetadata, provider: MovieProvider) -> None:
        if await self.context.is_fresh(job, job.movie_id):
            return
        target = await self.store.movie(job.movie_id)
        if target is None:
            return
        languages = self.context.languages_for(job.languages)
        versions = await title_versions(
            self.context,
            job,
            target,
            lambda year: provider.search_movies(target.title, languages[0], year=year),
            best_movie,
            provider.movie,
            "movie",
        )
        if versions is None:
            return
        facts = movie_facts(languages, versions)
        written = await self.store.write_movie(target.id, facts, self.context.clock())
        await self.context.refreshed_title(job, Entity.MOVIE, target.id, written, facts.cast)
