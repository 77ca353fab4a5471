"""Reading the log and deleting old entries."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from dependency_injector import providers

from revenge_app.activity.feature import FEATURE as ACTIVITY
from revenge_app.config import load_config
from revenge_app.container import Container
from revenge_domain.activity import (
    ActivityCleanup,
    ActivityEntry,
    ActivityEvent,
    ActivityQueries,
    ActivityQuery,
    PurgeActivity,
)
from revenge_domain.errors import InvalidInput
from revenge_domain.jobs import Queue
from tests.unit.activity.fakes import FakeActivityStore
from tests.unit.fakes.jobs import FakeJobQueue
from tests.unit.whole_app import app_schedule, unit_app, unit_config

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


async def store_with(*ages_days: float, action: str = "library.scan") -> FakeActivityStore:
    store = FakeActivityStore()
    for age in ages_days:
        event = ActivityEvent(action, occurred_at=NOW - timedelta(days=age))
        await store.add(ActivityEntry(uuid.uuid4(), event))
    return store


async def test_cleanup_deletes_only_entries_past_the_retention() -> None:
    store = await store_with(1, 89, 91, 400)
    assert await PurgeActivity(store, lambda: NOW)(90) == 2
    ages = sorted((NOW - e.event.occurred_at).days for e in store.entries.values())
    assert ages == [1, 89]


async def test_a_retention_of_zero_or_less_means_ninety_days() -> None:
    store = await store_with(30, 91)
    assert await PurgeActivity(store, lambda: NOW)(0) == 1


async def test_the_cleanup_job_runs_through_its_handler() -> None:
    store = await store_with(5, 10)

    def with_store(container: Container) -> None:
        container.activity.store.override(providers.Object(store))

    queue = FakeJobQueue()
    async with unit_app(override=with_store, queue=queue, features=[ACTIVITY], clock=lambda: NOW):
        await queue.enqueue(ActivityCleanup(retention_days=7))
    assert len(store.entries) == 1


async def test_the_scheduler_runs_the_cleanup_daily_on_the_low_queue_with_the_configured_days() -> (
    None
):
    schedule = app_schedule(unit_config({"REVENGE_ACTIVITY_RETENTION_DAYS": "30"}))
    (cleanup,) = [job for job in schedule if job.id == "activity_cleanup_daily"]
    assert cleanup.interval_s == 24 * 3600
    assert cleanup.make() == ActivityCleanup(retention_days=30)
    assert ActivityCleanup.queue is Queue.LOW
    assert load_config(environ={}).activity.retention_days == 90


async def test_recent_actions_counts_the_last_day_most_frequent_first() -> None:
    store = await store_with(0.1, 0.2, action="user.login")
    for event in (
        ActivityEvent("user.logout", occurred_at=NOW),
        ActivityEvent("x", NOW - timedelta(days=2)),
    ):
        await store.add(ActivityEntry(uuid.uuid4(), event))
    counts = await ActivityQueries(store, lambda: NOW).recent_actions(10)
    assert [(c.action, c.count) for c in counts] == [("user.login", 2), ("user.logout", 1)]
    with pytest.raises(InvalidInput):
        await ActivityQueries(store, lambda: NOW).recent_actions(51)


def test_a_query_page_is_bounded_and_numbered_from_one() -> None:
    with pytest.raises(InvalidInput):
        ActivityQuery(limit=101)
    with pytest.raises(InvalidInput):
        ActivityQuery(offset=-1)
    assert ActivityQuery(limit=10, offset=20).limit == 10
