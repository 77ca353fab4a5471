"""Full rebuilds: every document of a collection loaded into a new versioned collection that
replaces the live one at once (searches answer from the old one meanwhile)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import ClassVar

import attrs

from revenge_domain.jobs import Job, Queue
from revenge_domain.ports.jobs import JobQueue
from revenge_domain.ports.search import SearchIndex
from revenge_domain.ports.search_indexing import SearchDocuments
from revenge_domain.search.catalog import COLLECTIONS, SearchCollection, collection
from revenge_domain.search.errors import SearchUnavailable
from revenge_domain.search.indexing import COLLECTION_OF, SearchIndexing
from revenge_domain.search.library_search import forget_results
from revenge_domain.search.writes import RebuildResult

log = logging.getLogger(__name__)

EVERY_COLLECTION = tuple(c.name for c in COLLECTIONS)
TV_COLLECTIONS = ("tvshows", "seasons", "episodes")
REBUILD_BATCH = 1000
ENTITY_OF = {name: entity for entity, name in COLLECTION_OF.items()}


def _names(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen
class RebuildSearch(Job):
    """Rebuild the named collections from the catalogue and swap each in when complete."""

    collections: tuple[str, ...] = attrs.field(converter=_names)

    kind: ClassVar[str] = "search_rebuild"
    queue: ClassVar[Queue] = Queue.BULK
    max_attempts: ClassVar[int] = 5
    timeout_s: ClassVar[float] = 3600.0
    # Collapses a double click, not a deliberate second rebuild.
    unique_for_s: ClassVar[float | None] = 10.0


async def rebuild(
    index: SearchIndex,
    documents: SearchDocuments,
    names: Iterable[str] = EVERY_COLLECTION,
    batch_size: int = REBUILD_BATCH,
) -> list[RebuildResult]:
    """Rebuild `names` one after the other."""
    results = []
    for name in names:
        entity = ENTITY_OF[name]
        batches = documents.every_document(entity, batch_size)
        results.append(await index.rebuild(collection(name).schema, batches))
    return results


async def replace_collections(indexing: SearchIndexing, names: Sequence[str]) -> None:
    """What the rebuild job does: rebuild `names`, then drop the search answers cached from the
    collections they replaced."""
    await rebuild(indexing.index, indexing.documents, names)
    if indexing.answers is not None:
        await forget_results(indexing.answers, names)


async def reindex_all(index: SearchIndex, documents: SearchDocuments) -> list[RebuildResult]:
    """Rebuild every collection from the catalogue, in this process (benchmarks time it)."""
    return await rebuild(index, documents, EVERY_COLLECTION)


@attrs.define
class RequestReindex:
    """Queue a full rebuild (of everything, or of the TV collections); returns the job id."""

    queue: JobQueue

    async def everything(self) -> str:
        return await self.queue.enqueue(RebuildSearch(EVERY_COLLECTION))

    async def tvshows(self) -> str:
        return await self.queue.enqueue(RebuildSearch(TV_COLLECTIONS))


async def check_schemas(
    index: SearchIndex, queue: JobQueue, collections: Sequence[SearchCollection] = COLLECTIONS
) -> tuple[str, ...]:
    """Create missing collections and queue the rebuild of those that are new or out of date;
    returns their names. With the engine unreachable nothing is checked (the next start will)."""
    stale = []
    try:
        for searched in collections:
            if (await index.ensure(searched.schema)).needs_rebuild:
                stale.append(searched.name)
    except SearchUnavailable:
        log.warning("search: engine unreachable, collection schemas not checked")
        return ()
    if stale:
        await queue.enqueue(RebuildSearch(stale))
    return tuple(stale)
