"""Refreshing one movie from its provider (TMDb)."""

from __future__ import annotations

import attrs

from revenge_domain.metadata.jobs import RefreshMovieMetadata
from revenge_domain.metadata.model import Movie, MovieResult
from revenge_domain.metadata.ports import MovieProvider
from revenge_domain.metadata.refresh.context import RefreshContext, settled
from revenge_domain.metadata.refresh.convert import movie_facts
from revenge_domain.metadata.refresh.matching import best_movie
from revenge_domain.metadata.refresh.model import MovieFacts, MovieTarget
from revenge_domain.metadata.refresh.ports import MovieMetadataStore
from revenge_domain.metadata.refresh.titles import TitleKind, refresh_title
from revenge_domain.ports.catalog_changes import Entity


@attrs.frozen
class RefreshMovie:
    """Find the movie at the provider (stored id, else title and year) and write what it says."""

    store: MovieMetadataStore
    context: RefreshContext
    provider: MovieProvider | None = None  # None: not configured, nothing to do

    async def __call__(self, job: RefreshMovieMetadata) -> None:
        if self.provider is not None:
            await settled(refresh_title(self.context, job, job.movie_id, self._kind(self.provider)))

    def _kind(
        self, provider: MovieProvider
    ) -> TitleKind[MovieTarget, MovieResult, Movie, MovieFacts]:
        return TitleKind(
            "movie",
            Entity.MOVIE,
            self.store.movie,
            lambda title, language, year: provider.search_movies(title, language, year=year),
            best_movie,
            provider.movie,
            movie_facts,
            self.store.write_movie,
        )
