"""Jobs of the activity log: store one event, delete entries past retention."""

from __future__ import annotations

from typing import ClassVar

import attrs

from revenge_domain.activity.model import ActivityEvent
from revenge_domain.jobs import Job, Queue

DEFAULT_RETENTION_DAYS = 90


@attrs.frozen
class _StoreEvent(Job):
    max_attempts: ClassVar[int] = 3
    timeout_s: ClassVar[float] = 10.0

    event: ActivityEvent


@attrs.frozen
class RecordActivity(_StoreEvent):
    kind: ClassVar[str] = "activity_log"
    queue: ClassVar[Queue] = Queue.LOW


@attrs.frozen
class RecordSecurityActivity(_StoreEvent):
    """The same work as RecordActivity, on the critical queue (the queue belongs to the kind)."""

    kind: ClassVar[str] = "activity_log_security"
    queue: ClassVar[Queue] = Queue.CRITICAL


def job_for(event: ActivityEvent) -> RecordActivity | RecordSecurityActivity:
    """The job that stores `event`: security events go on the critical queue."""
    if event.is_security:
        return RecordSecurityActivity(event)
    return RecordActivity(event)


@attrs.frozen
class ActivityCleanup(Job):
    kind: ClassVar[str] = "activity_cleanup"
    queue: ClassVar[Queue] = Queue.LOW
    max_attempts: ClassVar[int] = 3
    timeout_s: ClassVar[float] = 120.0

    retention_days: int = DEFAULT_RETENTION_DAYS
