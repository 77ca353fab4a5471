"""Refreshing one movie from its provider (TMDb)."""

from __future__ import annotations

import attrs

from revenge_domain.metadata.jobs import RefreshMovieMetadata
from revenge_domain.metadata.ports import MovieProvider
from revenge_domain.metadata.refresh.context import RefreshContext, each_language, settled
from revenge_domain.metadata.refresh.convert import movie_facts
from revenge_domain.metadata.refresh.matching import best_movie
from revenge_domain.metadata.refresh.model import MovieTarget
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
        provider_id = await self._provider_id(provider, target, languages[0])
        if provider_id is None:
            await self.context.not_found(job, target.id, f"no match for {target.title!r}")
            return
        versions = await each_language(
            languages, lambda language: provider.movie(provider_id, language)
        )
        if versions[0] is None:
            await self.context.not_found(job, target.id, f"no movie {provider_id}")
            return
        facts = movie_facts(languages, versions)
        written = await self.store.write_movie(target.id, facts, self.context.clock())
        await self.context.refreshed_title(job, Entity.MOVIE, target.id, written, facts.cast)
        await self.context.enrich_title(job, "movie", target.id)

    async def _provider_id(
        self, provider: MovieProvider, target: MovieTarget, language: str
    ) -> str | None:
        if target.tmdb_id is not None:
            return str(target.tmdb_id)
        found = await provider.search_movies(target.title, language, year=target.year)
        match = best_movie(found.results, target.title, target.year)
        if match is None and target.year is not None:
            found = await provider.search_movies(target.title, language)
            match = best_movie(found.results, target.title, target.year)
        return match.id if match is not None else None
