"""Keeping the search index in step with the catalogue: changes are collected per entity and
indexed in bulk by one job per short window, so a burst of changes becomes a few imports.

The database stays the truth: a job loads the current documents of the pending ids, upserts
those that exist and deletes the others, so a change and a removal need no separate paths.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Collection, Sequence
from typing import ClassVar
from uuid import UUID

import attrs

from revenge_domain.jobs import Job, Queue
from revenge_domain.ports.cache import Cache
from revenge_domain.ports.catalog_changes import Entity
from revenge_domain.ports.jobs import JobQueue
from revenge_domain.ports.search import SearchIndex
from revenge_domain.ports.search_indexing import PendingChanges, SearchDocuments, SearchOutbox
from revenge_domain.search.filters import OneOf
from revenge_domain.search.library_search import forget_results
from revenge_domain.search.query import SearchQuery

log = logging.getLogger(__name__)

COLLECTION_OF = {
    Entity.MOVIE: "movies",
    Entity.SERIES: "tvshows",
    Entity.SEASON: "seasons",
    Entity.EPISODE: "episodes",
    Entity.PERSON: "people",
    Entity.USER: "users",
}
# A member marked so was queued because of another entity's change: it is indexed, but its own
# related entities are not queued again (a series queues its episodes, an episode its series).
CASCADE = "~"
# A job waits this long after the first change, gathering the changes that follow.
WINDOW_S = 0.5
# Shorter than the wait: a change made once the job may have started enqueues a new job
# instead of joining one that already drained the pending set.
UNIQUE_S = WINDOW_S * 0.8
# How long a process skips enqueueing after it enqueued (or joined) a job: short enough that
# the job it joined, enqueued up to UNIQUE_S earlier elsewhere, has not started yet.
SKIP_S = WINDOW_S - UNIQUE_S
IMPORT_BATCH = 500
# Rounds of take-and-index one job runs before it hands what keeps arriving to a new job.
ROUNDS = 10
ORPHAN_PAGE = 250
# Notes of the outbox younger than this are left to the report that normally follows a write.
OUTBOX_AFTER_S = 60.0
OUTBOX_BATCH = 1000
OUTBOX_ROUNDS = 100


@attrs.frozen
class IndexChanges(Job):
    """Index what is pending for one entity."""

    entity: str

    kind: ClassVar[str] = "search_index_changes"
    queue: ClassVar[Queue] = Queue.DEFAULT
    max_attempts: ClassVar[int] = 25
    timeout_s: ClassVar[float] = 900.0
    unique_for_s: ClassVar[float | None] = UNIQUE_S


@attrs.frozen
class SweepPending(Job):
    """Enqueue `IndexChanges` for every entity with ids still waiting (after an outage outlived
    a job's retries, or a worker stopped mid-job), the ids of the outbox included (a write
    whose report was lost)."""

    kind: ClassVar[str] = "search_index_sweep"
    queue: ClassVar[Queue] = Queue.LOW
    max_attempts: ClassVar[int] = 3
    timeout_s: ClassVar[float] = 60.0
    unique_for_s: ClassVar[float | None] = 60.0


@attrs.define
class IndexingSchedule:
    """Queues ids and enqueues one `IndexChanges` per entity per window from this process (the
    queue's own uniqueness covers the other processes)."""

    pending: PendingChanges
    queue: JobQueue
    clock: Callable[[], float] = time.monotonic
    _last: dict[Entity, float] = attrs.field(factory=dict, init=False)

    async def queue_members(self, entity: Entity, members: Collection[str]) -> None:
        if not members:
            return
        await self.pending.add(entity, members)
        now = self.clock()
        last = self._last.get(entity)
        if last is not None and now - last < SKIP_S:
            return
        await self.queue.enqueue(IndexChanges(entity.value), delay_s=WINDOW_S)
        self._last[entity] = now

    async def sweep(self) -> list[Entity]:
        """Enqueue a job for each entity with ids waiting; returns those entities."""
        swept = [entity for entity in Entity if await self.pending.waiting(entity)]
        for entity in swept:
            await self.queue.enqueue(IndexChanges(entity.value))
        return swept


@attrs.frozen
class RelayOutbox:
    """Moves the outbox's notes into the pending sets, then forgets them. A note is relayed
    once `after_s` old and still there: its write's report was lost, or the indexing job that
    followed it has not run yet (that job forgets the notes it saw)."""

    outbox: SearchOutbox
    pending: PendingChanges
    after_s: float = OUTBOX_AFTER_S
    batch: int = OUTBOX_BATCH

    async def __call__(self) -> int:
        """How many notes were relayed."""
        relayed = 0
        for _ in range(OUTBOX_ROUNDS):
            notes = await self.outbox.due(self.after_s, self.batch)
            for entity in Entity:
                ids = [str(note.item_id) for note in notes if note.entity is entity]
                await self.pending.add(entity, ids)
            await self.outbox.done(notes)
            relayed += len(notes)
            if len(notes) < self.batch:
                break
        return relayed


@attrs.define
class SearchFollower:
    """The `CatalogChanges` follower that keeps the search index current. A report never fails
    the write that made it: trouble is logged, and the next full rebuild repairs the index."""

    schedule: IndexingSchedule

    async def changed(self, entity: Entity, ids: Collection[UUID]) -> None:
        await self._queue(entity, ids)

    async def removed(self, entity: Entity, ids: Collection[UUID]) -> None:
        await self._queue(entity, ids)

    async def _queue(self, entity: Entity, ids: Collection[UUID]) -> None:
        try:
            await self.schedule.queue_members(entity, [str(i) for i in ids])
        except Exception:  # a follower must not fail the catalogue write
            log.exception(
                "search: could not queue changes", extra={"fields": {"entity": entity.value}}
            )


@attrs.define
class IndexPending:
    """The `IndexChanges` job: index the pending ids of one entity in batches, then drop the
    cached search answers (`answers`) that may show the old documents."""

    pending: PendingChanges
    documents: SearchDocuments
    index: SearchIndex
    schedule: IndexingSchedule
    batch_size: int = IMPORT_BATCH
    answers: Cache | None = None
    # Notes of what this job indexed are forgotten, so the sweep does not index them again.
    outbox: SearchOutbox | None = None

    async def __call__(self, entity: Entity) -> None:
        """One job per entity works at a time; another one leaves its ids to it."""
        if not await self.pending.claim(entity, IndexChanges.timeout_s):
            return
        try:
            for _ in range(ROUNDS):
                members = await self.pending.take(entity)
                if not members:
                    break
                await self._index_all(entity, members)
        finally:
            await self.pending.release(entity)
        # Ids that came while this job finished, whose own job found the claim still held.
        if await self.pending.waiting(entity):
            await self.schedule.queue.enqueue(IndexChanges(entity.value), delay_s=WINDOW_S)

    async def _index_all(self, entity: Entity, members: Sequence[str]) -> None:
        for start in range(0, len(members), self.batch_size):
            batch = members[start : start + self.batch_size]
            await self._index(entity, batch)
            await self.pending.done(entity, batch)
        await self._forget_answers(entity)

    async def _forget_answers(self, entity: Entity) -> None:
        if self.answers is None:
            return
        try:
            await forget_results(self.answers, [COLLECTION_OF[entity]])
        except Exception:  # the index is right; a stale answer expires with its short TTL
            log.exception("search: could not drop cached answers")

    async def _index(self, entity: Entity, members: Sequence[str]) -> None:
        ids = {UUID(member.removeprefix(CASCADE)) for member in members}
        direct = {UUID(member) for member in members if not member.startswith(CASCADE)}
        collection = COLLECTION_OF[entity]
        snapshot = await self.outbox.snapshot() if self.outbox is not None else ""
        found = await self.documents.documents(entity, ids)
        result = await self.index.upsert(collection, found)
        for error in result.errors:
            fields = {"collection": collection, "id": error.id, "error": error.message}
            log.warning("search: document refused", extra={"fields": fields})
        gone = ids - {UUID(str(document["id"])) for document in found}
        await self.index.delete(collection, sorted(str(i) for i in gone))
        if entity is Entity.SERIES and gone:
            await self._delete_children(gone)
        if self.outbox is not None:
            await self.outbox.indexed(entity, ids, snapshot)
        if direct:
            related = await self.documents.related(entity, direct)
            for other, other_ids in related.items():
                cascaded = [CASCADE + str(i) for i in other_ids]
                await self.schedule.queue_members(other, cascaded)

    async def _delete_children(self, series_ids: Collection[UUID]) -> None:
        """The seasons and episodes of removed series left the database with them."""
        wanted = OneOf("series_id", tuple(sorted(str(i) for i in series_ids)))
        for collection, field in (("seasons", "name"), ("episodes", "title")):
            while True:
                query = SearchQuery(
                    query_by=(field,),
                    filter_by=wanted,
                    per_page=ORPHAN_PAGE,
                    include_fields=("id",),
                )
                found = await self.index.search(collection, query)
                orphans = [str(hit.document["id"]) for hit in found.hits]
                if not orphans:
                    break
                await self.index.delete(collection, orphans)


@attrs.frozen
class SearchIndexing:
    """What the indexing jobs work with (built once per worker). `answers` holds the search
    endpoints' cached answers, dropped for the collections a rebuild replaced."""

    index: SearchIndex
    documents: SearchDocuments
    schedule: IndexingSchedule
    answers: Cache | None = None
    outbox: SearchOutbox | None = None

    async def sweep(self) -> list[Entity]:
        """Relay the outbox, then enqueue a job for each entity with ids waiting."""
        if self.outbox is not None:
            await RelayOutbox(self.outbox, self.schedule.pending)()
        return await self.schedule.sweep()

    def index_pending(self) -> IndexPending:
        pending, schedule = self.schedule.pending, self.schedule
        return IndexPending(
            pending,
            self.documents,
            self.index,
            schedule,
            answers=self.answers,
            outbox=self.outbox,
        )
