"""The metadata feature: provider reads, the refresh endpoints and the refresh jobs."""

from __future__ import annotations

from typing import Any

from revenge_app.metadata import handlers, refresh
from revenge_app.metadata.container import METADATA
from revenge_app.metadata.jobs import register_refresh_jobs
from revenge_app.registry import Feature, Features, resolved


async def register(features: Features, container: Any) -> None:
    services = await resolved(container.services())
    features.provide(METADATA, services)
    register_refresh_jobs(features.jobs, await resolved(container.refresh()))


FEATURE = Feature("metadata", register, (handlers.OPERATIONS, refresh.OPERATIONS))
