"""The index follows the catalogue on real PostgreSQL, Redis and Typesense: coalesced bulk
imports, removals, and an engine outage that loses nothing."""

from __future__ import annotations

import secrets
import time
from pathlib import Path
from uuid import UUID

import asyncpg
import attrs
import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.jobs.handlers import JobHandlers
from revenge_adapters.jobs.runner import Backoff, Delivery, JobRunner, Outcome
from revenge_adapters.search import TypesenseSearchIndex
from revenge_adapters.search.documents import PgSearchDocuments
from revenge_adapters.search.pending import RedisPendingChanges
from revenge_app.embedded.typesense import start_typesense
from revenge_app.search.jobs import register_search_jobs
from revenge_domain.ports.catalog_changes import Entity
from revenge_domain.search import OneOf, SearchQuery
from revenge_domain.search.catalog import COLLECTIONS
from revenge_domain.search.indexing import (
    IndexChanges,
    IndexingSchedule,
    IndexPending,
    SearchFollower,
    SearchIndexing,
)
from tests.integration.search_indexing import rows
from tests.integration.search_indexing.conftest import CountingIndex
from tests.unit.fakes.jobs import FakeDeadLetterStore, FakeJobQueue


@attrs.define
class Clock:
    now: float = 1000.0

    def __call__(self) -> float:
        return self.now


@attrs.define
class RecordedRetries:
    deliveries: list[Delivery] = attrs.Factory(list)

    async def retry_later(self, delivery: Delivery, delay_s: float) -> None:
        self.deliveries.append(delivery)


async def movies_in_one_library(
    connection: asyncpg.Connection, count: int
) -> tuple[UUID, list[UUID]]:
    library_id = await rows.library(connection, "movie")
    ids = await connection.fetch(
        "INSERT INTO movie.movies (library_id, title, popularity) "
        "SELECT $1, 'Film ' || n, n FROM generate_series(1, $2) n RETURNING id",
        library_id,
        count,
    )
    return library_id, [row["id"] for row in ids]


async def in_library(index: TypesenseSearchIndex, library_id: UUID) -> int:
    query = SearchQuery(query_by=("title",), filter_by=OneOf("library_id", (str(library_id),)))
    return (await index.search("movies", query)).found


async def test_a_thousand_changes_become_one_job_and_two_bulk_imports(
    connection: asyncpg.Connection,
    sessions: async_sessionmaker[AsyncSession],
    redis: aioredis.Redis,
    key_prefix: str,
    index: CountingIndex,
) -> None:
    library_id, ids = await movies_in_one_library(connection, 1000)
    pending = RedisPendingChanges(redis, key_prefix)
    queue = FakeJobQueue()
    follower = SearchFollower(IndexingSchedule(pending, queue))

    started = time.monotonic()
    for movie_id in ids:
        await follower.changed(Entity.MOVIE, [movie_id])
    elapsed = time.monotonic() - started

    assert elapsed < 1.0
    assert set(queue.enqueued) == {IndexChanges("movie")}
    assert len(queue.enqueued) <= 3
    assert await pending.waiting(Entity.MOVIE) == 1000
    schedule = IndexingSchedule(pending, FakeJobQueue())
    await IndexPending(pending, PgSearchDocuments(sessions), index, schedule)(Entity.MOVIE)

    assert index.imports == [500, 500]
    assert await in_library(index, library_id) == 1000
    assert await pending.waiting(Entity.MOVIE) == 0


async def test_a_removed_movie_leaves_the_index_and_its_people_are_recounted(
    connection: asyncpg.Connection,
    sessions: async_sessionmaker[AsyncSession],
    redis: aioredis.Redis,
    key_prefix: str,
    index: TypesenseSearchIndex,
) -> None:
    film = await rows.film(connection, f"Removed {secrets.token_hex(2)}")
    handlers, clock = JobHandlers(), Clock()
    queue = FakeJobQueue(handlers, clock=clock)
    schedule = IndexingSchedule(RedisPendingChanges(redis, key_prefix), queue, clock)
    register_search_jobs(handlers, SearchIndexing(index, PgSearchDocuments(sessions), schedule))
    follower = SearchFollower(schedule)
    await follower.changed(Entity.MOVIE, [film.movie_id])
    assert await in_library(index, film.library_id) == 1
    person = await index.search("people", SearchQuery(q="*", query_by=("name",)))
    assert str(film.person_id) in {hit.document["id"] for hit in person.hits}

    await connection.execute(
        "UPDATE movie.movies SET deleted_at = now() WHERE id = $1", film.movie_id
    )
    clock.now += 10  # a later window
    await follower.removed(Entity.MOVIE, [film.movie_id])

    assert await in_library(index, film.library_id) == 0
    people = await index.search(
        "people",
        SearchQuery(q="*", query_by=("name",), filter_by=OneOf("id", (str(film.person_id),))),
    )
    assert people.hits[0].document["movie_count"] == 0


async def test_with_typesense_stopped_jobs_retry_and_the_documents_come_later(
    connection: asyncpg.Connection,
    sessions: async_sessionmaker[AsyncSession],
    redis: aioredis.Redis,
    key_prefix: str,
    tmp_path: Path,
) -> None:
    library_id, ids = await movies_in_one_library(connection, 20)
    server = start_typesense(tmp_path / "typesense")
    index = TypesenseSearchIndex(server.url, server.api_key, prefix="outage_", timeout_s=1.0)
    try:
        for searched in COLLECTIONS:
            await index.ensure(searched.schema)
        pending = RedisPendingChanges(redis, key_prefix)
        queue = FakeJobQueue()
        schedule = IndexingSchedule(pending, queue)
        handlers = JobHandlers()
        register_search_jobs(handlers, SearchIndexing(index, PgSearchDocuments(sessions), schedule))
        retries = RecordedRetries()
        runner = JobRunner(handlers, retries, FakeDeadLetterStore(), Backoff(1.0, 60.0))
        server.stop()

        await SearchFollower(schedule).changed(Entity.MOVIE, ids)
        delivery = Delivery.of(queue.enqueued[0], "job-1")
        assert await runner.run(delivery) == Outcome.RETRIED
        assert await runner.run(retries.deliveries[-1]) == Outcome.RETRIED
        assert await pending.waiting(Entity.MOVIE) == 20

        server = start_typesense(tmp_path / "typesense", server.api_key)
        assert await runner.run(retries.deliveries[-1]) == Outcome.SUCCEEDED
        assert await in_library(index, library_id) == 20
        assert await pending.waiting(Entity.MOVIE) == 0
    finally:
        await index.close()
        server.stop()
