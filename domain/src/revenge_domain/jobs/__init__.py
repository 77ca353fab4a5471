"""Background jobs: what a job is (its kind, queue, attempts and time limit) and its errors."""

from revenge_domain.jobs.dead_letters import DeadLetterPrune
from revenge_domain.jobs.model import (
    JOB_TYPES,
    DuplicateJobKind,
    Job,
    JobQueueUnavailable,
    JobRegistry,
    Queue,
    RetryLater,
)

__all__ = [
    "JOB_TYPES",
    "DeadLetterPrune",
    "DuplicateJobKind",
    "Job",
    "JobQueueUnavailable",
    "JobRegistry",
    "Queue",
    "RetryLater",
]
