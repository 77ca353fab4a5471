"""Where the job platform keeps things in Redis, all under one configurable prefix."""

from __future__ import annotations

import attrs

from revenge_domain.jobs import Queue

CONSUMER_GROUP = "workers"
RUN_JOB_TASK = "revenge.run_job"


@attrs.frozen
class JobKeys:
    prefix: str

    def stream(self, queue: Queue) -> str:
        """The queue's stream: jobs ready to run (and, until acknowledged, running)."""
        return f"{self.prefix}jobs:{queue}"

    def delayed(self, queue: Queue) -> str:
        """Jobs of the queue waiting for a later time (a sorted set scored by due time)."""
        return f"{self.prefix}jobs:{queue}:delayed"

    @property
    def dead(self) -> str:
        return f"{self.prefix}jobs:dead"

    @property
    def dead_by_time(self) -> str:
        return f"{self.prefix}jobs:dead:by_time"

    def unique(self, kind: str, digest: str) -> str:
        return f"{self.prefix}jobs:unique:{kind}:{digest}"

    def periodic(self, periodic_id: str, slot: int) -> str:
        return f"{self.prefix}periodic:{periodic_id}:{slot}"
