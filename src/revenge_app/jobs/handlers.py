"""Every job kind the app can run, bound to its use case. A test checks no kind is missing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import attrs

from revenge_adapters.jobs.dead_letters import PruneDeadLetters
from revenge_adapters.jobs.handlers import JobHandlers, PermanentFailure
from revenge_adapters.jobs.ports import DeadLetterStore
from revenge_app.jobs.image_jobs import register_image_jobs
from revenge_app.jobs.integration_jobs import register_integration_jobs
from revenge_app.jobs.playback_jobs import register_playback_jobs
from revenge_app.jobs.refresh_jobs import register_refresh_jobs
from revenge_app.jobs.scan_jobs import register_scan_jobs
from revenge_app.jobs.search_jobs import register_search_jobs
from revenge_domain.activity import (
    ActivityCleanup,
    ActivityStore,
    PurgeActivity,
    RecordActivity,
    RecordSecurityActivity,
    StoreActivity,
)
from revenge_domain.clock import utc_now
from revenge_domain.images import ImageCache
from revenge_domain.integrations import IntegrationSyncs
from revenge_domain.jobs import DeadLetterPrune
from revenge_domain.metadata.refresh import MetadataRefresh
from revenge_domain.playback import Playback
from revenge_domain.scanning import Scanning
from revenge_domain.search.indexing import SearchIndexing


@attrs.frozen
class JobServices:
    """What the handlers need. The app passes real adapters; tests pass fakes."""

    dead_letters: DeadLetterStore
    clock: Callable[[], datetime] = utc_now
    # Without it, activity jobs fail for good and wait in the dead letters to be retried.
    activity: ActivityStore | None = None
    # --- scanning ---
    # Without it, scan and file-match jobs fail for good (dead letters).
    scanning: Scanning | None = None
    # --- metadata ---
    # Without it, refresh and enrichment jobs fail for good (dead letters).
    metadata_refresh: MetadataRefresh | None = None
    # --- images ---
    # Without it, image downloads fail for good (dead letters) instead of warming the cache.
    images: ImageCache | None = None
    # --- search ---
    # Without it (search off), indexing jobs fail for good.
    search_indexing: SearchIndexing | None = None
    # --- catalog ---
    # --- oidc ---
    # --- playback ---
    # Without it, playback cleanups fail for good (dead letters).
    playback: Playback | None = None
    # --- integrations ---
    # Without it, Radarr/Sonarr sync and webhook jobs fail for good (dead letters).
    integrations: IntegrationSyncs | None = None


def build_handlers(services: JobServices) -> JobHandlers:
    handlers = JobHandlers()
    prune = PruneDeadLetters(services.dead_letters, services.clock)

    async def prune_dead_letters(job: DeadLetterPrune) -> None:
        await prune(job.older_than_days)

    handlers.register(DeadLetterPrune, prune_dead_letters)
    _register_activity(handlers, services)
    # --- scanning ---
    register_scan_jobs(handlers, services.scanning)
    # --- metadata ---
    register_refresh_jobs(handlers, services.metadata_refresh)
    # --- images ---
    register_image_jobs(handlers, services.images)
    # --- search ---
    register_search_jobs(handlers, services.search_indexing)
    # --- catalog ---
    # --- oidc ---
    # --- playback ---
    register_playback_jobs(handlers, services.playback)
    # --- integrations ---
    register_integration_jobs(handlers, services.integrations)
    return handlers


def _register_activity(handlers: JobHandlers, services: JobServices) -> None:
    def store() -> ActivityStore:
        if services.activity is None:
            raise PermanentFailure("this worker has no activity store")
        return services.activity

    async def record(job: RecordActivity | RecordSecurityActivity) -> None:
        await StoreActivity(store())(job.event)

    async def clean_up(job: ActivityCleanup) -> None:
        await PurgeActivity(store(), services.clock)(job.retention_days)

    handlers.register(RecordActivity, record)
    handlers.register(RecordSecurityActivity, record)
    handlers.register(ActivityCleanup, clean_up)
