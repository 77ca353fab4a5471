"""Webhooks from Radarr and Sonarr: checked against a shared secret, turned into jobs."""

from __future__ import annotations

import hmac
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from revenge_domain.errors import Unauthenticated
from revenge_domain.integrations.jobs import RadarrWebhook, SonarrWebhook
from revenge_domain.integrations.model import IntegrationDisabled, Service
from revenge_domain.jobs import Job
from revenge_domain.ports.jobs import JobQueue

# Events that change what is on disk; the rest (Grab, Health, Test...) need nothing from us.
RADARR_EVENTS = frozenset({"Download", "Upgrade", "Rename", "MovieFileDelete", "MovieDelete"})
SONARR_EVENTS = frozenset(
    {"Download", "Upgrade", "Rename", "SeriesAdd", "EpisodeFileDelete", "SeriesDelete"}
)


def _item_id(payload: Mapping[str, Any], key: str) -> int | None:
    item = payload.get(key)
    value = item.get("id") if isinstance(item, Mapping) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def radarr_job(payload: Mapping[str, Any]) -> RadarrWebhook | None:
    event, movie_id = payload.get("eventType"), _item_id(payload, "movie")
    if event not in RADARR_EVENTS or movie_id is None:
        return None
    return RadarrWebhook(str(event), movie_id, payload.get("deletedFiles") is True)


def sonarr_job(payload: Mapping[str, Any]) -> SonarrWebhook | None:
    event, series_id = payload.get("eventType"), _item_id(payload, "series")
    if event not in SONARR_EVENTS or series_id is None:
        return None
    return SonarrWebhook(str(event), series_id, payload.get("deletedFiles") is True)


@attrs.frozen
class WebhookIntake:
    """Accepts a webhook only with the configured secret; queues the job it asks for."""

    service: Service
    enabled: bool
    secret: str
    jobs: JobQueue
    to_job: Callable[[Mapping[str, Any]], Job | None]

    async def receive(self, presented: str | None, payload: Mapping[str, Any]) -> Job | None:
        """The queued job; None when the event needs nothing (a test, a grab, a health note)."""
        name = self.service.value
        if not self.enabled:
            raise IntegrationDisabled(f"the {name} integration is not enabled")
        if not self.secret:
            raise IntegrationDisabled(
                f"{name} webhooks need a shared secret (integrations.{name}_webhook_secret)"
            )
        if presented is None or not hmac.compare_digest(presented.encode(), self.secret.encode()):
            raise Unauthenticated("the webhook secret is missing or wrong")
        job = self.to_job(payload)
        if job is not None:
            await self.jobs.enqueue(job)
        return job
