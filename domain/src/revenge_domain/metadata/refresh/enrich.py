"""Enriching a movie or series: ratings of other sites (OMDb) and a logo and backdrop
(Fanart.tv), each only when its provider is configured."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar
from uuid import UUID

import attrs

from revenge_domain.metadata.errors import ProviderCannotDo, ProviderNotConfigured
from revenge_domain.metadata.jobs import EnrichContent
from revenge_domain.metadata.model import Image, Images
from revenge_domain.metadata.ports import ArtworkProvider, RatingsProvider
from revenge_domain.metadata.refresh.context import MOVIE, TVSHOW, RefreshContext, settled
from revenge_domain.metadata.refresh.model import Enrichment, Written
from revenge_domain.metadata.refresh.ports import MovieMetadataStore, SeriesMetadataStore
from revenge_domain.ports.catalog_changes import Entity

T = TypeVar("T")


@attrs.frozen
class EnrichTitles:
    movies: MovieMetadataStore
    series: SeriesMetadataStore
    context: RefreshContext
    ratings: RatingsProvider | None = None
    artwork: ArtworkProvider | None = None

    async def __call__(self, job: EnrichContent) -> None:
        await settled(self._enrich(job))

    async def _enrich(self, job: EnrichContent) -> None:
        if job.content_type not in (MOVIE, TVSHOW) or (
            self.ratings is None and self.artwork is None
        ):
            return
        if await self.context.is_fresh(job, job.content_id):
            return
        language = self.context.languages_for(job.languages)[0]
        if job.content_type == MOVIE:
            await self._movie(job, job.content_id, language)
        else:
            await self._series(job, job.content_id, language)

    async def _movie(self, job: EnrichContent, movie_id: UUID, language: str) -> None:
        target = await self.movies.movie(movie_id)
        if target is None:
            return
        artwork_key = str(target.tmdb_id) if target.tmdb_id is not None else target.imdb_id
        enrichment = await self._gather(target.imdb_id, artwork_key, language, movie=True)
        if enrichment is None:
            return
        written = await self.movies.write_enrichment(movie_id, enrichment)
        await self._done(job, Entity.MOVIE, movie_id, written)

    async def _series(self, job: EnrichContent, series_id: UUID, language: str) -> None:
        target = await self.series.series(series_id)
        if target is None:
            return
        tvdb = str(target.tvdb_id) if target.tvdb_id is not None else None
        enrichment = await self._gather(target.imdb_id, tvdb, language, movie=False)
        if enrichment is None:
            return
        written = await self.series.write_enrichment(series_id, enrichment)
        await self._done(job, Entity.SERIES, series_id, written)

    async def _done(
        self, job: EnrichContent, entity: Entity, item_id: UUID, written: Written
    ) -> None:
        await self.context.refreshed(job, entity, item_id, attrs.evolve(written, images=()))

    async def _gather(
        self, imdb_id: str | None, artwork_key: str | None, language: str, *, movie: bool
    ) -> Enrichment | None:
        """None when no configured provider can say anything about the title (yet)."""
        ratings = None
        if self.ratings is not None and imdb_id:
            ratings = await usable(self.ratings.ratings(imdb_id, language))
        images = None
        if self.artwork is not None and artwork_key:
            wanted = self.artwork.movie_artwork if movie else self.artwork.series_artwork
            images = await usable(wanted(artwork_key, language))
        if ratings is None and images is None:
            return None
        return Enrichment(
            ratings=ratings.ratings if ratings is not None else None,
            logo_path=first_path(images, lambda i: i.logos, language),
            backdrop_path=first_path(images, lambda i: i.backdrops, language),
        )


async def usable(call: Awaitable[T | None]) -> T | None:
    """The answer of an optional provider; None when it is switched off or cannot do it."""
    try:
        return await call
    except (ProviderNotConfigured, ProviderCannotDo):
        return None


def first_path(
    images: Images | None, group: Callable[[Images], tuple[Image, ...]], language: str
) -> str | None:
    """The first image of the group in `language` or without text, else the first at all."""
    if images is None:
        return None
    chosen = group(images.in_language(language)) or group(images)
    return chosen[0].file_path if chosen else None
