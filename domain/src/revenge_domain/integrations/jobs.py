"""Jobs of the Radarr and Sonarr integrations, all on the `high` queue."""

from __future__ import annotations

from typing import ClassVar

import attrs

from revenge_domain.jobs import Job, Queue


@attrs.frozen
class RadarrSync(Job):
    """`full` syncs every movie Radarr has; `single` only `radarr_movie_id`. Not unique by
    value: the sync state refuses a second full sync while one is queued or running."""

    kind: ClassVar[str] = "radarr_sync"
    queue: ClassVar[Queue] = Queue.HIGH
    max_attempts: ClassVar[int] = 5
    timeout_s: ClassVar[float] = 600.0

    operation: str = "full"
    radarr_movie_id: int | None = None


@attrs.frozen
class SonarrSync(Job):
    kind: ClassVar[str] = "sonarr_sync"
    queue: ClassVar[Queue] = Queue.HIGH
    max_attempts: ClassVar[int] = 5
    timeout_s: ClassVar[float] = 600.0

    operation: str = "full"
    sonarr_series_id: int | None = None


@attrs.frozen
class RadarrWebhook(Job):
    """What a Radarr webhook asked for: the movie to sync again (or forget)."""

    kind: ClassVar[str] = "radarr_webhook"
    queue: ClassVar[Queue] = Queue.HIGH
    max_attempts: ClassVar[int] = 5
    timeout_s: ClassVar[float] = 60.0

    event_type: str
    movie_id: int
    files_deleted: bool = False


@attrs.frozen
class SonarrWebhook(Job):
    kind: ClassVar[str] = "sonarr_webhook"
    queue: ClassVar[Queue] = Queue.HIGH
    max_attempts: ClassVar[int] = 5
    timeout_s: ClassVar[float] = 60.0

    event_type: str
    series_id: int
    files_deleted: bool = False
