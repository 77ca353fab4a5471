"""The reindex handlers' answers, and what the app wires with search off."""

from __future__ import annotations

import uuid

from dependency_injector import providers

from revenge_adapters.jobs.runner import Outcome
from revenge_app.container import Container
from revenge_app.search.container import SEARCH, Search
from revenge_app.search.feature import FEATURE as SEARCH_FEATURE
from revenge_app.search.reindex import _job_id
from revenge_domain.search.indexing import IndexChanges, SweepPending
from tests.unit.fakes.jobs import FakeJobQueue
from tests.unit.fakes.search import FakeSearchIndex
from tests.unit.whole_app import unit_app


def test_a_queue_id_in_hex_is_shown_as_a_uuid() -> None:
    job_id = uuid.uuid4()
    assert _job_id(job_id.hex) == str(job_id)


def test_another_id_is_shown_as_it_is() -> None:
    assert _job_id("job-7") == "job-7"


def with_engine(container: Container) -> None:
    container.core.search_index.override(providers.Object(FakeSearchIndex()))


async def search_services(engine: bool) -> Search:
    override = with_engine if engine else None
    async with unit_app(override=override, features=[SEARCH_FEATURE]) as (_, features):
        services: Search = features.state[SEARCH]
        return services


async def test_with_search_off_there_is_no_reindex_to_request() -> None:
    off = await search_services(engine=False)
    on = await search_services(engine=True)
    assert off.reindex is None
    assert on.reindex is not None


async def test_with_search_off_the_sweep_does_nothing_and_indexing_jobs_fail_for_good() -> None:
    queue = FakeJobQueue()
    async with unit_app(queue=queue, features=[SEARCH_FEATURE]):
        await queue.enqueue(SweepPending())
        await queue.enqueue(IndexChanges("movie"))
    assert queue.outcomes == [
        ("search_index_sweep", Outcome.SUCCEEDED),
        ("search_index_changes", Outcome.DEAD),
    ]
