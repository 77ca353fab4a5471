"""The metadata refresh jobs: movie, series, season, episode, person, and enrichment."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from revenge_adapters.jobs.handlers import JobHandlers, PermanentFailure
from revenge_domain.jobs import Job
from revenge_domain.metadata.jobs import (
    EnrichContent,
    RefreshEpisodeMetadata,
    RefreshMovieMetadata,
    RefreshPersonMetadata,
    RefreshSeasonMetadata,
    RefreshSeriesMetadata,
)
from revenge_domain.metadata.refresh import MetadataRefresh

J = TypeVar("J", bound=Job)


def register_refresh_jobs(handlers: JobHandlers, refresh: MetadataRefresh | None) -> None:
    def through(
        use_case: Callable[[MetadataRefresh], Callable[[J], Awaitable[None]]],
    ) -> Callable[[J], Awaitable[None]]:
        async def handle(job: J) -> None:
            if refresh is None:
                raise PermanentFailure("this worker has no metadata refresh")
            await use_case(refresh)(job)

        return handle

    handlers.register(RefreshMovieMetadata, through(lambda r: r.movie))
    handlers.register(RefreshSeriesMetadata, through(lambda r: r.series))
    handlers.register(RefreshSeasonMetadata, through(lambda r: r.season))
    handlers.register(RefreshEpisodeMetadata, through(lambda r: r.episode))
    handlers.register(RefreshPersonMetadata, through(lambda r: r.person))
    handlers.register(EnrichContent, through(lambda r: r.enrich))
