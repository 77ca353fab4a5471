"""Handlers of the Radarr and Sonarr jobs: each calls one sync use case."""

from __future__ import annotations

import logging
from collections.abc import Awaitable

from revenge_adapters.jobs.handlers import JobHandlers, PermanentFailure
from revenge_domain.integrations import IntegrationSyncs
from revenge_domain.integrations.jobs import RadarrSync, RadarrWebhook, SonarrSync, SonarrWebhook
from revenge_domain.integrations.model import IntegrationDisabled, Service, SyncReport

log = logging.getLogger(__name__)


async def _unless_disabled(sync: Awaitable[SyncReport]) -> None:
    """A job queued before the integration was switched off does nothing."""
    try:
        await sync
    except IntegrationDisabled as exc:
        log.info("integration job skipped", extra={"fields": {"reason": exc.message}})


def register_integration_jobs(handlers: JobHandlers, syncs: IntegrationSyncs | None) -> None:
    """Without `syncs`, integration jobs fail for good and wait in the dead letters."""

    def cases() -> IntegrationSyncs:
        if syncs is None:
            raise PermanentFailure("this worker has no Radarr/Sonarr integration")
        return syncs

    async def radarr_sync(job: RadarrSync) -> None:
        if job.operation == "single" and job.radarr_movie_id is not None:
            await radarr_one(job.radarr_movie_id, False)
        else:
            await cases().runs.run(Service.RADARR, cases().movies.full)

    async def sonarr_sync(job: SonarrSync) -> None:
        if job.operation == "single" and job.sonarr_series_id is not None:
            await sonarr_one(job.sonarr_series_id, False)
        else:
            await cases().runs.run(Service.SONARR, cases().series.full)

    async def radarr_one(movie_id: int, files_deleted: bool) -> None:
        sync = cases().movies.single(movie_id, files_deleted)
        await _unless_disabled(cases().runs.one(Service.RADARR, sync))

    async def sonarr_one(series_id: int, files_deleted: bool) -> None:
        sync = cases().series.single(series_id, files_deleted)
        await _unless_disabled(cases().runs.one(Service.SONARR, sync))

    async def radarr_webhook(job: RadarrWebhook) -> None:
        await radarr_one(job.movie_id, job.files_deleted)

    async def sonarr_webhook(job: SonarrWebhook) -> None:
        await sonarr_one(job.series_id, job.files_deleted)

    handlers.register(RadarrSync, radarr_sync)
    handlers.register(SonarrSync, sonarr_sync)
    handlers.register(RadarrWebhook, radarr_webhook)
    handlers.register(SonarrWebhook, sonarr_webhook)
