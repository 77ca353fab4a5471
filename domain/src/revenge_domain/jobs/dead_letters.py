"""The job that prunes old dead letters."""

from __future__ import annotations

from typing import ClassVar

import attrs

from revenge_domain.jobs.model import Job, Queue


@attrs.frozen
class DeadLetterPrune(Job):
    kind: ClassVar[str] = "dead_letter_prune"
    queue: ClassVar[Queue] = Queue.LOW
    max_attempts: ClassVar[int] = 3
    timeout_s: ClassVar[float] = 120.0

    older_than_days: int = 30
