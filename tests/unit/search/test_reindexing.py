"""Full rebuilds and the start-up schema check against in-memory fakes."""

from __future__ import annotations

import uuid

import attrs

from revenge_adapters.jobs.handlers import JobHandlers
from revenge_adapters.jobs.runner import Outcome
from revenge_app.search.jobs import register_search_jobs
from revenge_domain.ports.cache import Cache
from revenge_domain.ports.catalog_changes import Entity
from revenge_domain.search.catalog import COLLECTIONS, MOVIES
from revenge_domain.search.indexing import IndexingSchedule, SearchIndexing
from revenge_domain.search.reindexing import (
    EVERY_COLLECTION,
    TV_COLLECTIONS,
    RebuildSearch,
    RequestReindex,
    check_schemas,
)
from tests.unit.fakes.cache import InMemoryCache
from tests.unit.fakes.jobs import FakeJobQueue
from tests.unit.fakes.search import FakeSearchIndex
from tests.unit.fakes.search_indexing import FakePendingChanges, FakeSearchDocuments


def catalogue(movies: int) -> FakeSearchDocuments:
    documents = FakeSearchDocuments()
    for n in range(movies):
        documents.put(
            Entity.MOVIE, uuid.uuid4(), library_id="lib", title=f"Film {n}", popularity=1.0
        )
    documents.put(
        Entity.USER,
        uuid.uuid4(),
        username="ada",
        email="ada@example.com",
        is_active=True,
        is_admin=True,
        created_at=1,
    )
    return documents


def app_queue(
    index: FakeSearchIndex, documents: FakeSearchDocuments, answers: Cache | None = None
) -> FakeJobQueue:
    handlers = JobHandlers()
    queue = FakeJobQueue(handlers)
    schedule = IndexingSchedule(FakePendingChanges(), queue)
    register_search_jobs(handlers, SearchIndexing(index, documents, schedule, answers))
    return queue


async def test_a_full_reindex_is_one_bulk_job_that_loads_every_collection() -> None:
    index, documents = FakeSearchIndex(), catalogue(2500)
    queue = app_queue(index, documents)

    job_id = await RequestReindex(queue).everything()

    assert job_id
    assert queue.enqueued == [RebuildSearch(EVERY_COLLECTION)]
    assert queue.outcomes == [("search_rebuild", Outcome.SUCCEEDED)]
    assert len(index.collections["movies"].documents) == 2500
    assert len(index.collections["users"].documents) == 1
    assert set(index.collections) == set(EVERY_COLLECTION)


async def test_the_tv_reindex_rebuilds_the_three_tv_collections_only() -> None:
    index = FakeSearchIndex()
    queue = app_queue(index, catalogue(1))
    await RequestReindex(queue).tvshows()
    assert queue.enqueued == [RebuildSearch(TV_COLLECTIONS)]
    assert set(index.collections) == set(TV_COLLECTIONS)


async def test_a_rebuild_drops_the_cached_answers_of_the_rebuilt_collections() -> None:
    answers = InMemoryCache()
    for key in ("search:movies:a", "search:tvshows:a", "search:episodes:a", "search:multi:a"):
        await answers.set(key, {"hits": []}, 30.0)
    queue = app_queue(FakeSearchIndex(), catalogue(1), answers)

    await RequestReindex(queue).tvshows()

    assert queue.outcomes == [("search_rebuild", Outcome.SUCCEEDED)]
    assert answers.keys() == ["search:movies:a"]


async def test_with_the_engine_down_a_rebuild_is_retried() -> None:
    index = FakeSearchIndex()
    index.available = False
    queue = app_queue(index, catalogue(1))
    await RequestReindex(queue).everything()
    assert queue.outcomes[0] == ("search_rebuild", Outcome.RETRIED)


async def test_on_start_new_collections_get_a_rebuild_and_current_ones_nothing() -> None:
    index, queue = FakeSearchIndex(), FakeJobQueue()
    assert await check_schemas(index, queue) == EVERY_COLLECTION
    assert queue.enqueued == [RebuildSearch(EVERY_COLLECTION)]
    assert await check_schemas(index, FakeJobQueue()) == ()


async def test_on_start_an_out_of_date_collection_gets_a_rebuild() -> None:
    index = FakeSearchIndex()
    await check_schemas(index, FakeJobQueue())
    schema = MOVIES.schema
    newer = attrs.evolve(MOVIES, schema=attrs.evolve(schema, version=schema.version + 1))
    queue = FakeJobQueue()

    assert await check_schemas(index, queue, (newer, *COLLECTIONS[1:])) == ("movies",)
    assert queue.enqueued == [RebuildSearch(("movies",))]


async def test_on_start_with_the_engine_down_nothing_is_checked() -> None:
    index, queue = FakeSearchIndex(), FakeJobQueue()
    index.available = False
    assert await check_schemas(index, queue) == ()
    assert queue.enqueued == []
