"""The integrations feature: Radarr and Sonarr over the API, their webhooks, the sync jobs."""

from __future__ import annotations

from typing import Any

from revenge_app.integrations import handlers
from revenge_app.integrations.container import INTEGRATIONS
from revenge_app.integrations.jobs import register_integration_jobs
from revenge_app.registry import Feature, Features, resolved


async def register(features: Features, container: Any) -> None:
    features.provide(INTEGRATIONS, await resolved(container.admin()))
    register_integration_jobs(features.jobs, await resolved(container.syncs()))


FEATURE = Feature("integrations", register, (handlers.OPERATIONS,))
