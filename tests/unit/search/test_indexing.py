"""Search indexing against in-memory fakes: coalescing, batching, removals, cascades, outages."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from uuid import UUID

import attrs
import pytest

from revenge_adapters.jobs.handlers import JobHandlers
from revenge_app.search.jobs import register_search_jobs
from revenge_domain.ports.catalog_changes import Entity
from revenge_domain.ports.search_indexing import NotedChange
from revenge_domain.search import Document, SearchUnavailable, UpsertResult
from revenge_domain.search.catalog import COLLECTIONS
from revenge_domain.search.indexing import (
    CASCADE,
    IndexChanges,
    IndexingSchedule,
    IndexPending,
    SearchFollower,
    SearchIndexing,
    SweepPending,
)
from tests.unit.fakes.jobs import FakeJobQueue
from tests.unit.fakes.search import FakeSearchIndex
from tests.unit.fakes.search_indexing import FakePendingChanges, FakeSearchDocuments

LIBRARY = str(uuid.uuid4())


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class CountingIndex(FakeSearchIndex):
    def __init__(self) -> None:
        super().__init__()
        self.imports: list[int] = []

    async def upsert(self, collection: str, documents: Sequence[Document]) -> UpsertResult:
        self.imports.append(len(documents))
        return await super().upsert(collection, documents)


class World:
    def __init__(self) -> None:
        self.clock = Clock()
        self.queue = FakeJobQueue(clock=self.clock)
        self.pending = FakePendingChanges()
        self.documents = FakeSearchDocuments()
        self.index = CountingIndex()
        self.schedule = IndexingSchedule(self.pending, self.queue, self.clock)
        self.follower = SearchFollower(self.schedule)

    async def ready(self) -> World:
        for searched in COLLECTIONS:
            await self.index.ensure(searched.schema)
        return self

    def movie(self, title: str) -> UUID:
        movie_id = uuid.uuid4()
        self.documents.put(Entity.MOVIE, movie_id, library_id=LIBRARY, title=title, popularity=1.0)
        return movie_id

    def person(self, name: str) -> UUID:
        person_id = uuid.uuid4()
        self.documents.put(
            Entity.PERSON,
            person_id,
            library_ids=[LIBRARY],
            name=name,
            movie_count=1,
            tvshow_count=0,
            total_credits=1,
        )
        return person_id

    def indexing(self, batch_size: int = 500) -> IndexPending:
        return IndexPending(self.pending, self.documents, self.index, self.schedule, batch_size)

    def stored(self, collection: str) -> dict[str, dict[str, object]]:
        return self.index.collections[collection].documents


@pytest.fixture
async def world() -> World:
    return await World().ready()


async def test_a_thousand_changes_in_a_second_become_a_few_jobs_and_bulk_imports(
    world: World,
) -> None:
    ids = [world.movie(f"Film {n}") for n in range(1000)]
    for movie_id in ids:
        await world.follower.changed(Entity.MOVIE, [movie_id])
        world.clock.now += 0.001
    assert len(world.queue.enqueued) <= 3
    assert set(world.queue.enqueued) == {IndexChanges("movie")}
    assert all(delay > 0 for delay in world.queue.delays.values())

    await world.indexing()(Entity.MOVIE)

    assert world.index.imports == [500, 500]
    assert set(world.stored("movies")) == {str(i) for i in ids}
    assert world.pending.members(Entity.MOVIE) == set()


async def test_changes_after_the_window_enqueue_a_new_job(world: World) -> None:
    await world.follower.changed(Entity.MOVIE, [world.movie("A")])
    world.clock.now += 1.0
    await world.follower.changed(Entity.MOVIE, [world.movie("B")])
    assert world.queue.enqueued == [IndexChanges("movie"), IndexChanges("movie")]


async def test_each_entity_gets_its_own_job(world: World) -> None:
    await world.follower.changed(Entity.MOVIE, [world.movie("A")])
    await world.follower.changed(Entity.USER, [uuid.uuid4()])
    assert world.queue.enqueued == [IndexChanges("movie"), IndexChanges("user")]


async def test_a_removed_row_leaves_the_index(world: World) -> None:
    kept, dropped = world.movie("Kept"), world.movie("Dropped")
    await world.follower.changed(Entity.MOVIE, [kept, dropped])
    await world.indexing()(Entity.MOVIE)
    del world.documents.rows[Entity.MOVIE][dropped]

    await world.follower.removed(Entity.MOVIE, [dropped])
    await world.indexing()(Entity.MOVIE)

    assert set(world.stored("movies")) == {str(kept)}


async def test_an_updated_row_replaces_its_document(world: World) -> None:
    movie_id = world.movie("Old title")
    await world.follower.changed(Entity.MOVIE, [movie_id])
    await world.indexing()(Entity.MOVIE)
    world.documents.put(Entity.MOVIE, movie_id, library_id=LIBRARY, title="New", popularity=2.0)

    await world.follower.changed(Entity.MOVIE, [movie_id])
    await world.indexing()(Entity.MOVIE)

    assert world.stored("movies")[str(movie_id)]["title"] == "New"


async def test_with_the_engine_down_the_job_fails_and_nothing_is_lost(world: World) -> None:
    ids = [world.movie(f"Film {n}") for n in range(3)]
    await world.follower.changed(Entity.MOVIE, ids)
    world.index.available = False

    with pytest.raises(SearchUnavailable):
        await world.indexing()(Entity.MOVIE)
    assert world.pending.members(Entity.MOVIE) == {str(i) for i in ids}

    world.index.available = True
    await world.indexing()(Entity.MOVIE)
    assert set(world.stored("movies")) == {str(i) for i in ids}


async def test_a_change_made_while_a_job_runs_is_kept_for_the_next_job(world: World) -> None:
    first, second = world.movie("First"), world.movie("Second")
    await world.follower.changed(Entity.MOVIE, [first])
    taken = await world.pending.take(Entity.MOVIE)
    await world.follower.changed(Entity.MOVIE, [second])
    await world.pending.done(Entity.MOVIE, taken)
    assert world.pending.members(Entity.MOVIE) == {str(second)}


async def test_a_movie_change_queues_its_people_once_without_going_further(world: World) -> None:
    movie_id, person_id = world.movie("Heat"), world.person("Al Pacino")
    world.documents.links[(Entity.MOVIE, movie_id)] = {Entity.PERSON: {person_id}}
    world.documents.links[(Entity.PERSON, person_id)] = {Entity.MOVIE: {movie_id}}
    await world.follower.changed(Entity.MOVIE, [movie_id])

    await world.indexing()(Entity.MOVIE)
    assert world.pending.members(Entity.PERSON) == {CASCADE + str(person_id)}
    assert IndexChanges("person") in world.queue.enqueued

    await world.indexing()(Entity.PERSON)
    assert str(person_id) in world.stored("people")
    assert world.pending.members(Entity.MOVIE) == set()


async def test_a_removed_series_takes_its_seasons_and_episodes_out(world: World) -> None:
    series_id = str(uuid.uuid4())
    season = {
        "id": str(uuid.uuid4()),
        "library_id": LIBRARY,
        "series_id": series_id,
        "season_number": 1,
        "name": "Season 1",
        "air_date": 0,
        "episode_count": 1,
        "series_title": "Show",
    }
    other = {**season, "id": str(uuid.uuid4()), "series_id": str(uuid.uuid4())}
    await world.index.upsert("seasons", [season, other])

    await world.follower.removed(Entity.SERIES, [UUID(series_id)])
    await world.indexing()(Entity.SERIES)

    assert set(world.stored("seasons")) == {other["id"]}


async def test_a_follower_never_fails_the_write_that_reported(world: World) -> None:
    world.pending.available = False
    await world.follower.changed(Entity.MOVIE, [uuid.uuid4()])
    assert world.queue.enqueued == []


async def test_the_job_runs_through_the_app_handler() -> None:
    world = await World().ready()
    handlers = JobHandlers()
    indexing = SearchIndexing(world.index, world.documents, world.schedule)
    register_search_jobs(handlers, indexing)
    queue = FakeJobQueue(handlers)
    world.schedule.queue = queue
    movie_id = world.movie("Through the queue")

    await world.follower.changed(Entity.MOVIE, [movie_id])

    assert str(movie_id) in world.stored("movies")


async def test_the_sweep_requeues_ids_left_waiting_after_the_retries_ran_out(
    world: World,
) -> None:
    movie_id = world.movie("Left behind")
    await world.follower.changed(Entity.MOVIE, [movie_id])
    world.index.available = False
    with pytest.raises(SearchUnavailable):
        await world.indexing()(Entity.MOVIE)
    world.index.available = True
    world.queue.enqueued.clear()
    world.clock.now += 300

    assert await world.schedule.sweep() == [Entity.MOVIE]
    assert world.queue.enqueued == [IndexChanges("movie")]


async def test_the_sweep_job_indexes_what_waits(world: World) -> None:
    handlers = JobHandlers()
    register_search_jobs(handlers, SearchIndexing(world.index, world.documents, world.schedule))
    movie_id = world.movie("Swept")
    await world.pending.add(Entity.MOVIE, [str(movie_id)])
    world.schedule.queue = FakeJobQueue(handlers)

    await world.schedule.queue.enqueue(SweepPending())

    assert str(movie_id) in world.stored("movies")


async def test_a_job_leaves_its_ids_to_the_one_already_working_on_the_entity(
    world: World,
) -> None:
    movie_id = world.movie("Waits its turn")
    await world.follower.changed(Entity.MOVIE, [movie_id])
    await world.pending.claim(Entity.MOVIE, 60)

    await world.indexing()(Entity.MOVIE)

    assert world.stored("movies") == {}
    assert world.pending.members(Entity.MOVIE) == {str(movie_id)}


async def test_the_working_job_also_indexes_what_arrives_meanwhile(world: World) -> None:
    first, second = world.movie("First"), world.movie("Second")
    documents = world.documents
    load = documents.documents

    async def load_and_change(entity: Entity, ids: Collection[UUID]) -> list[Document]:
        if entity is Entity.MOVIE and UUID(str(first)) in ids:
            await world.follower.changed(Entity.MOVIE, [second])
            await world.indexing()(Entity.MOVIE)  # its own job: the claim is held
        return await load(entity, ids)

    documents.documents = load_and_change  # type: ignore[method-assign]
    await world.follower.changed(Entity.MOVIE, [first])
    await world.indexing()(Entity.MOVIE)

    assert set(world.stored("movies")) == {str(first), str(second)}


async def test_ids_arriving_as_the_claim_is_released_get_a_job_of_their_own(
    world: World,
) -> None:
    late = world.movie("Late")
    release = world.pending.release

    async def release_after_a_change(entity: Entity) -> None:
        await world.pending.add(entity, [str(late)])
        await release(entity)

    world.pending.release = release_after_a_change  # type: ignore[method-assign]
    world.clock.now += 10
    world.queue.enqueued.clear()

    await world.indexing()(Entity.MOVIE)

    assert world.queue.enqueued == [IndexChanges("movie")]


class NotingOutbox:
    """Records the snapshot taken before each read and what was indexed after it."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.calls: list[tuple[str, object]] = []

    async def due(self, older_than_s: float, limit: int) -> list[NotedChange]:
        return []

    async def done(self, changes: Collection[NotedChange]) -> None:
        return None

    async def snapshot(self) -> str:
        self.calls.append(("snapshot", len(self.world.stored("movies"))))
        return f"snapshot-{len(self.calls)}"

    async def indexed(self, entity: Entity, ids: Collection[UUID], snapshot: str) -> None:
        self.calls.append(("indexed", (entity, set(ids), snapshot)))


async def test_an_indexing_job_forgets_the_outbox_notes_its_read_saw(world: World) -> None:
    film = world.movie("Heat")
    await world.pending.add(Entity.MOVIE, [str(film)])
    outbox = NotingOutbox(world)
    await attrs.evolve(world.indexing(), outbox=outbox)(Entity.MOVIE)
    # The snapshot comes before the documents are read (nothing indexed yet), the forgetting
    # after they are in the index.
    assert outbox.calls[0] == ("snapshot", 0)
    assert outbox.calls[1] == ("indexed", (Entity.MOVIE, {film}, "snapshot-1"))
    assert str(film) in world.stored("movies")
