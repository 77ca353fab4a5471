"""The refresh endpoints: queue a forced refresh of a movie or series the caller may read."""

from __future__ import annotations

from uuid import UUID

import attrs

from revenge_domain.errors import NotFound
from revenge_domain.identity.access import Principal
from revenge_domain.libraries import ALL, LibraryAccess
from revenge_domain.metadata.jobs import RefreshMovieMetadata, RefreshSeriesMetadata
from revenge_domain.metadata.refresh.ports import MovieMetadataStore, SeriesMetadataStore
from revenge_domain.ports.jobs import JobQueue


@attrs.frozen
class RefreshRequests:
    """Answers with the id of the queued job; an item the caller cannot read is not found."""

    movies: MovieMetadataStore
    series: SeriesMetadataStore
    access: LibraryAccess
    jobs: JobQueue

    async def movie(self, principal: Principal, movie_id: UUID) -> str:
        target = await self.movies.movie(movie_id)
        if target is None or not await self._may_read(principal, target.library_id):
            raise NotFound("movie not found", {"movie_id": str(movie_id)})
        return await self.jobs.enqueue(RefreshMovieMetadata(force=True, movie_id=movie_id))

    async def tvshow(self, principal: Principal, series_id: UUID) -> str:
        target = await self.series.series(series_id)
        if target is None or not await self._may_read(principal, target.library_id):
            raise NotFound("series not found", {"id": str(series_id)})
        return await self.jobs.enqueue(RefreshSeriesMetadata(force=True, series_id=series_id))

    async def _may_read(self, principal: Principal, library_id: UUID) -> bool:
        readable = await self.access.readable_library_ids(principal)
        return readable is ALL or library_id in readable
