"""`search_index_changes` and `search_rebuild`: the index follows the catalogue. While the
engine is down they fail and retry; the ids they did not index stay pending meanwhile. A
rebuild drops the cached search answers of the collections it replaced."""

from __future__ import annotations

from revenge_adapters.jobs.handlers import JobHandlers, PermanentFailure
from revenge_domain.ports.catalog_changes import Entity
from revenge_domain.search.indexing import IndexChanges, SearchIndexing, SweepPending
from revenge_domain.search.reindexing import RebuildSearch, replace_collections


def register_search_jobs(handlers: JobHandlers, indexing: SearchIndexing | None) -> None:
    def needed() -> SearchIndexing:
        if indexing is None:
            raise PermanentFailure("this worker has no search index (search is off)")
        return indexing

    async def index_changes(job: IndexChanges) -> None:
        await needed().index_pending()(Entity(job.entity))

    async def rebuild_job(job: RebuildSearch) -> None:
        await replace_collections(needed(), job.collections)

    async def sweep(job: SweepPending) -> None:
        if indexing is not None:  # with search off nothing waits
            await indexing.sweep()

    handlers.register(IndexChanges, index_changes)
    handlers.register(SweepPending, sweep)
    handlers.register(RebuildSearch, rebuild_job)
