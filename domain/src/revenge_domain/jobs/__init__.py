"""Background jobs: job values, handlers, retries, dead letters and periodic jobs."""

from revenge_domain.jobs.codec import UndecodableJob, decode_job, encode_job, job_digest
from revenge_domain.jobs.dead_letters import DeadLetterPrune, PruneDeadLetters, RetryDeadLetters
from revenge_domain.jobs.handling import (
    Backoff,
    DeadLetter,
    Delivery,
    DuplicateHandler,
    JobHandler,
    JobHandlers,
    JobRunner,
    Outcome,
)
from revenge_domain.jobs.model import (
    JOB_TYPES,
    DuplicateJobKind,
    Job,
    JobQueueUnavailable,
    JobRegistry,
    PermanentFailure,
    Queue,
    RetryLater,
)
from revenge_domain.jobs.periodic import PeriodicJob, PeriodicScheduler, SlotClaim

__all__ = [
    "JOB_TYPES",
    "Backoff",
    "DeadLetter",
    "DeadLetterPrune",
    "Delivery",
    "DuplicateHandler",
    "DuplicateJobKind",
    "Job",
    "JobHandler",
    "JobHandlers",
    "JobQueueUnavailable",
    "JobRegistry",
    "JobRunner",
    "Outcome",
    "PeriodicJob",
    "PeriodicScheduler",
    "PermanentFailure",
    "PruneDeadLetters",
    "Queue",
    "RetryDeadLetters",
    "RetryLater",
    "SlotClaim",
    "UndecodableJob",
    "decode_job",
    "encode_job",
    "job_digest",
]
