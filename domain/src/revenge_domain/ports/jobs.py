"""Job port: enqueue work for later."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from revenge_domain.jobs.model import Job


class JobQueue(Protocol):
    async def enqueue(self, job: Job, *, delay_s: float = 0) -> str:
        """Queue `job` to run after `delay_s` seconds; returns the job id.

        A kind with a uniqueness window returns the id of the equal job already queued in it.
        Raises JobQueueUnavailable when the queue cannot be reached.
        """
        ...
