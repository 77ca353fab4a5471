"""A refresh context over in-memory ports, with a clock the tests move."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from revenge_adapters.jobs.handlers import JobHandlers
from revenge_adapters.jobs.runner import Backoff
from revenge_domain.jobs import Job
from revenge_domain.metadata.refresh import RefreshContext
from tests.unit.fakes.catalog_changes import RecordedChanges
from tests.unit.fakes.jobs import FakeJobQueue
from tests.unit.metadata_refresh.fakes import FakeTmdb, InMemoryRefreshLog


@attrs.define
class Clock:
    now: dt.datetime = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


@attrs.define
class World:
    tmdb: FakeTmdb
    log: InMemoryRefreshLog
    changes: RecordedChanges
    queue: FakeJobQueue
    clock: Clock

    def context(self, languages: tuple[str, ...] = ("en",), enrich: bool = False) -> RefreshContext:
        return RefreshContext(
            self.log, self.changes, self, self.clock, languages=languages, enrich=enrich
        )

    async def enqueue(self, job: Job, *, delay_s: float = 0) -> str:
        """The context's job queue: whichever queue the world has now."""
        return await self.queue.enqueue(job, delay_s=delay_s)

    def running(self, handlers: JobHandlers) -> FakeJobQueue:
        """A queue that runs jobs with `handlers`; the world's context enqueues on it too."""
        self.queue = FakeJobQueue(handlers, backoff=Backoff(base_s=2.0, max_s=60.0))
        return self.queue


@pytest.fixture
def world() -> World:
    return World(FakeTmdb(), InMemoryRefreshLog(), RecordedChanges(), FakeJobQueue(), Clock())
