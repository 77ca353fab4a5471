"""The reindex handlers' answers, and what the app wires with search off."""

from __future__ import annotations

import uuid

from revenge_adapters.jobs.handlers import JobHandlers
from revenge_adapters.jobs.runner import Outcome
from revenge_app.search.reindex import _job_id
from revenge_app.http.state import UseCases
from revenge_app.jobs.search_jobs import register_search_jobs
from revenge_app.wiring_search_indexing import with_search_indexing
from revenge_domain.ports.catalog_changes import NoCatalogChanges
from revenge_domain.search.indexing import IndexChanges, SweepPending
from tests.unit.fakes.jobs import FakeJobQueue
from tests.unit.fakes.search import FakeSearchIndex


def test_a_queue_id_in_hex_is_shown_as_a_uuid() -> None:
    job_id = uuid.uuid4()
    assert _job_id(job_id.hex) == str(job_id)


def test_another_id_is_shown_as_it_is() -> None:
    assert _job_id("job-7") == "job-7"


def test_with_search_off_there_is_no_reindex_to_request() -> None:
    off = with_search_indexing(UseCases(), FakeJobQueue(), NoCatalogChanges(), None)
    on = with_search_indexing(UseCases(), FakeJobQueue(), NoCatalogChanges(), FakeSearchIndex())
    assert off.search_reindex is None
    assert on.search_reindex is not None


async def test_with_search_off_the_sweep_does_nothing_and_indexing_jobs_fail_for_good() -> None:
    handlers = JobHandlers()
    register_search_jobs(handlers, None)
    queue = FakeJobQueue(handlers)
    await queue.enqueue(SweepPending())
    await queue.enqueue(IndexChanges("movie"))
    assert queue.outcomes == [
        ("search_index_sweep", Outcome.SUCCEEDED),
        ("search_index_changes", Outcome.DEAD),
    ]
