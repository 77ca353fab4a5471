"""The activity feature: its queries, the jobs that record events, and the daily clean-up."""

from __future__ import annotations

from typing import Any

from revenge_adapters.jobs.scheduler import PeriodicJob
from revenge_app.activity import handlers
from revenge_app.activity.container import ACTIVITY
from revenge_app.config import Config
from revenge_app.registry import DAY_S, Feature, Features, resolved
from revenge_domain.activity import (
    ActivityCleanup,
    ActivityStore,
    PurgeActivity,
    RecordActivity,
    RecordSecurityActivity,
    StoreActivity,
)


async def register(features: Features, container: Any) -> None:
    features.provide(ACTIVITY, await resolved(container.queries()))
    store: ActivityStore = await resolved(container.store())

    async def record(job: RecordActivity | RecordSecurityActivity) -> None:
        await StoreActivity(store)(job.event)

    async def clean_up(job: ActivityCleanup) -> None:
        await PurgeActivity(store, features.clock)(job.retention_days)

    features.jobs.register(RecordActivity, record)
    features.jobs.register(RecordSecurityActivity, record)
    features.jobs.register(ActivityCleanup, clean_up)


def schedule(config: Config) -> list[PeriodicJob]:
    retention_days = config.activity.retention_days
    return [
        PeriodicJob(
            id="activity_cleanup_daily",
            make=lambda: ActivityCleanup(retention_days=retention_days),
            interval_s=DAY_S,
        )
    ]


FEATURE = Feature("activity", register, (handlers.OPERATIONS,), schedule)
