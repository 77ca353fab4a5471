"""What administrators see of Radarr and Sonarr: status, profiles, root folders, a sync."""

from __future__ import annotations

from collections.abc import Callable

import attrs

from revenge_domain.integrations.model import (
    ArrStatus,
    IntegrationDisabled,
    IntegrationUnreachable,
    QualityProfile,
    RootFolder,
    Service,
    SyncAlreadyRunning,
)
from revenge_domain.integrations.ports import ArrClient, SyncStates
from revenge_domain.integrations.webhooks import WebhookIntake
from revenge_domain.jobs import Job, JobQueueUnavailable
from revenge_domain.ports.jobs import JobQueue


@attrs.frozen
class ArrAdmin:
    service: Service
    client: ArrClient | None
    states: SyncStates
    jobs: JobQueue
    full_sync: Callable[[], Job]

    def _client(self) -> ArrClient:
        if self.client is None:
            raise IntegrationDisabled(f"the {self.service.value} integration is not enabled")
        return self.client

    async def status(self) -> ArrStatus:
        """Connected or not (an unreachable service is a status, not an error)."""
        client = self._client()
        sync = await self.states.get(self.service)
        try:
            return ArrStatus(True, await client.system(), sync)
        except IntegrationUnreachable:
            return ArrStatus(False, None, sync)

    async def quality_profiles(self) -> list[QualityProfile]:
        return await self._client().quality_profiles()

    async def root_folders(self) -> list[RootFolder]:
        return await self._client().root_folders()

    async def request_sync(self) -> None:
        """Queues a full sync; refused while one is queued or running."""
        self._client()
        if not await self.states.claim(self.service):
            raise SyncAlreadyRunning(f"a {self.service.value} sync is already running")
        try:
            await self.jobs.enqueue(self.full_sync())
        except JobQueueUnavailable:
            await self.states.failed(self.service, "the job queue could not be reached")
            raise


@attrs.frozen
class ArrIntegration:
    admin: ArrAdmin
    webhooks: WebhookIntake


@attrs.frozen
class Integrations:
    """The HTTP side of both integrations."""

    radarr: ArrIntegration
    sonarr: ArrIntegration
