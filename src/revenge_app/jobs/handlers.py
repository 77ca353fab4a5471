"""Every job kind the app can run, bound to its use case. A test checks no kind is missing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import attrs

from revenge_domain.jobs import DeadLetterPrune, JobHandlers, PruneDeadLetters
from revenge_domain.jobs.handling import utc_now
from revenge_domain.ports.jobs import DeadLetterStore


@attrs.frozen
class JobServices:
    """What the handlers need. The app passes real adapters; tests pass fakes."""

    dead_letters: DeadLetterStore
    clock: Callable[[], datetime] = utc_now


def build_handlers(services: JobServices) -> JobHandlers:
    handlers = JobHandlers()
    prune = PruneDeadLetters(services.dead_letters, services.clock)

    async def prune_dead_letters(job: DeadLetterPrune) -> None:
        await prune(job.older_than_days)

    handlers.register(DeadLetterPrune, prune_dead_letters)
    return handlers
