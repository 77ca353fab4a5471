"""The periodic jobs the scheduler enqueues."""

from __future__ import annotations

from revenge_adapters.jobs.scheduler import PeriodicJob
from revenge_app.config import Config
from revenge_app.jobs.playback_jobs import playback_schedule
from revenge_app.jobs.scan_jobs import library_scan_schedule
from revenge_domain.activity import ActivityCleanup
from revenge_domain.jobs import DeadLetterPrune
from revenge_domain.search.indexing import SweepPending

DAY_S = 24 * 3600.0


def periodic_jobs(config: Config) -> list[PeriodicJob]:
    retention_days = config.jobs.dead_letter_retention_days
    activity_days = config.activity.retention_days
    return [
        PeriodicJob(
            id="dead_letter_prune_daily",
            make=lambda: DeadLetterPrune(older_than_days=retention_days),
            interval_s=DAY_S,
        ),
        PeriodicJob(
            id="activity_cleanup_daily",
            make=lambda: ActivityCleanup(retention_days=activity_days),
            interval_s=DAY_S,
        ),
        *library_scan_schedule(config.scanning.interval_s),
        *playback_schedule(config.playback.cleanup_interval_s),
        # Ids left waiting for the search index (an outage longer than a job's retries).
        PeriodicJob(
            id="search_index_sweep", make=SweepPending, interval_s=300.0, run_on_start=True
        ),
    ]
