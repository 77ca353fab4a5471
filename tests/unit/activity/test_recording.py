"""Events are stored at once; when the store fails they become jobs on the right queue, whose
handler writes the entry."""

from __future__ import annotations

import uuid

import pytest
from dependency_injector import providers

from revenge_adapters.activity import JobActivityLog
from revenge_adapters.jobs.handlers import JobHandlers
from revenge_adapters.jobs.runner import Outcome
from revenge_app.activity.feature import FEATURE as ACTIVITY
from revenge_app.container import Container
from revenge_domain.activity import (
    Actions,
    ActivityEntry,
    ActivityEvent,
    RecordActivity,
    RecordSecurityActivity,
    StoredActivityLog,
    job_for,
)
from revenge_domain.jobs import Job, JobQueueUnavailable, Queue
from tests.unit.activity.fakes import FakeActivityStore
from tests.unit.fakes.jobs import FakeJobQueue
from tests.unit.whole_app import unit_app


@pytest.mark.parametrize(
    "action",
    [
        Actions.LOGIN,
        Actions.LOGOUT,
        Actions.PASSWORD_CHANGE,
        Actions.MFA_ENABLE,
        Actions.MFA_DISABLE,
        Actions.APIKEY_CREATE,
        Actions.APIKEY_REVOKE,
        Actions.ROLE_ASSIGN,
        Actions.USER_DELETE,
        "library.scan.failed",
    ],
)
def test_security_events_go_on_the_critical_queue(action: str) -> None:
    job = job_for(ActivityEvent(action))
    assert isinstance(job, RecordSecurityActivity)
    assert job.queue is Queue.CRITICAL


@pytest.mark.parametrize("action", [Actions.SETTINGS_UPDATE, "library.scan", "movie.update"])
def test_other_events_go_on_the_low_queue(action: str) -> None:
    job = job_for(ActivityEvent(action))
    assert isinstance(job, RecordActivity)
    assert job.queue is Queue.LOW


async def test_the_job_handler_writes_the_event_to_the_log() -> None:
    store = FakeActivityStore()

    def with_store(container: Container) -> None:
        container.activity.store.override(providers.Object(store))

    queue = FakeJobQueue()
    user_id = uuid.uuid4()
    event = ActivityEvent(
        Actions.LOGIN,
        user_id=user_id,
        username="alice",
        ip_address="192.0.2.7",
        metadata={"device": "tv"},
    )
    async with unit_app(override=with_store, queue=queue, features=[ACTIVITY]):
        await JobActivityLog(queue).record(event)
    (entry,) = store.entries.values()
    assert entry.event == event  # the same values after the trip through JSON


async def test_without_the_activity_feature_the_job_waits_in_the_dead_letters() -> None:
    queue = FakeJobQueue(JobHandlers())
    await JobActivityLog(queue).record(ActivityEvent(Actions.SETTINGS_UPDATE))
    assert queue.outcomes == [("activity_log", Outcome.DEAD)]
    assert len(queue.dead_letters.letters) == 1


class DownQueue:
    async def enqueue(self, job: Job, *, delay_s: float = 0) -> str:
        raise JobQueueUnavailable("the job queue cannot be reached")


async def test_a_queue_outage_drops_the_event_without_failing_the_caller() -> None:
    await JobActivityLog(DownQueue()).record(ActivityEvent(Actions.LOGIN))


class DownStore(FakeActivityStore):
    async def add(self, entry: ActivityEntry) -> None:
        raise ConnectionError("the database cannot be reached")


async def test_an_event_is_stored_at_once_without_a_job() -> None:
    store, queue = FakeActivityStore(), FakeJobQueue()
    event = ActivityEvent(Actions.LOGIN, user_id=uuid.uuid4())
    await StoredActivityLog(store, JobActivityLog(queue)).record(event)
    assert [entry.event for entry in store.entries.values()] == [event]
    assert queue.enqueued == []


async def test_when_the_store_fails_the_event_goes_to_a_critical_job() -> None:
    store = FakeActivityStore()

    def with_store(container: Container) -> None:
        container.activity.store.override(providers.Object(store))

    queue = FakeJobQueue()
    event = ActivityEvent(Actions.LOGIN, user_id=uuid.uuid4())
    async with unit_app(override=with_store, queue=queue, features=[ACTIVITY]):
        await StoredActivityLog(DownStore(), JobActivityLog(queue)).record(event)
    assert [type(job) for job in queue.enqueued] == [RecordSecurityActivity]
    assert [entry.event for entry in store.entries.values()] == [event]


async def test_when_the_store_and_the_queue_fail_the_caller_goes_on() -> None:
    log = StoredActivityLog(DownStore(), JobActivityLog(DownQueue()))
    await log.record(ActivityEvent(Actions.LOGIN))
