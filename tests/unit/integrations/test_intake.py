"""Webhook intake and the admin use cases against in-memory ports."""

from __future__ import annotations

import pytest

from revenge_domain.errors import Unauthenticated
from revenge_domain.integrations import ArrAdmin, WebhookIntake, radarr_job, sonarr_job
from revenge_domain.integrations.jobs import RadarrSync, RadarrWebhook, SonarrWebhook
from revenge_domain.integrations.model import (
    IntegrationDisabled,
    Service,
    SyncAlreadyRunning,
)
from revenge_domain.jobs import JobQueueUnavailable
from tests.unit.fakes.jobs import FakeJobQueue
from tests.unit.integrations.fakes import FakeRadarr, FakeSyncStates

DOWNLOAD = {"eventType": "Download", "movie": {"id": 12, "title": "Heat"}, "isUpgrade": True}


def test_events_that_change_files_become_jobs_and_the_rest_nothing() -> None:
    assert radarr_job(DOWNLOAD) == RadarrWebhook("Download", 12)
    assert radarr_job({"eventType": "MovieDelete", "movie": {"id": 3}, "deletedFiles": True}) == (
        RadarrWebhook("MovieDelete", 3, files_deleted=True)
    )
    for ignored in ({"eventType": "Test"}, {"eventType": "Grab", "movie": {"id": 1}}):
        assert radarr_job(ignored) is None
    assert radarr_job({"eventType": "Download", "movie": {"id": "12"}}) is None
    assert sonarr_job({"eventType": "SeriesAdd", "series": {"id": 5}}) == SonarrWebhook(
        "SeriesAdd", 5
    )
    assert sonarr_job({"eventType": "Download", "movie": {"id": 5}}) is None


def intake(queue: FakeJobQueue, enabled: bool = True, secret: str = "s3cret") -> WebhookIntake:
    return WebhookIntake(Service.RADARR, enabled, secret, queue, radarr_job)


async def test_a_webhook_is_queued_only_with_the_secret() -> None:
    queue = FakeJobQueue()
    with pytest.raises(Unauthenticated):
        await intake(queue).receive(None, DOWNLOAD)
    with pytest.raises(Unauthenticated):
        await intake(queue).receive("s3cre", DOWNLOAD)
    assert queue.enqueued == []
    assert await intake(queue).receive("s3cret", {"eventType": "Test"}) is None
    assert await intake(queue).receive("s3cret", DOWNLOAD) == RadarrWebhook("Download", 12)
    assert queue.enqueued == [RadarrWebhook("Download", 12)]


async def test_webhooks_are_refused_when_off_or_without_a_secret() -> None:
    queue = FakeJobQueue()
    with pytest.raises(IntegrationDisabled):
        await intake(queue, enabled=False).receive("s3cret", DOWNLOAD)
    with pytest.raises(IntegrationDisabled, match="radarr_webhook_secret"):
        await intake(queue, secret="").receive("", DOWNLOAD)
    assert queue.enqueued == []


def admin(radarr: FakeRadarr | None, states: FakeSyncStates, queue: FakeJobQueue) -> ArrAdmin:
    return ArrAdmin(Service.RADARR, radarr, states, queue, RadarrSync)


async def test_one_sync_at_a_time() -> None:
    states, queue = FakeSyncStates(), FakeJobQueue()
    radarr_admin = admin(FakeRadarr(), states, queue)
    await radarr_admin.request_sync()
    with pytest.raises(SyncAlreadyRunning):
        await radarr_admin.request_sync()
    assert queue.enqueued == [RadarrSync()]


async def test_a_sync_that_cannot_be_queued_is_not_left_running() -> None:
    class DownQueue(FakeJobQueue):
        async def enqueue(self, job: object, *, delay_s: float = 0) -> str:
            raise JobQueueUnavailable("down")

    states = FakeSyncStates()
    with pytest.raises(JobQueueUnavailable):
        await admin(FakeRadarr(), states, DownQueue()).request_sync()
    assert (await states.get(Service.RADARR)).running is False


async def test_an_unreachable_radarr_is_a_status_and_a_missing_one_an_error() -> None:
    radarr = FakeRadarr()
    radarr.down = True
    status = await admin(radarr, FakeSyncStates(), FakeJobQueue()).status()
    assert (status.connected, status.system) == (False, None)
    with pytest.raises(IntegrationDisabled):
        await admin(None, FakeSyncStates(), FakeJobQueue()).status()
