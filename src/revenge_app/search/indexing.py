"""How search indexing is built: the catalogue follower and the indexing jobs' use cases."""

from __future__ import annotations

import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.search.documents import PgSearchDocuments
from revenge_adapters.search.outbox import PgSearchOutbox
from revenge_adapters.search.pending import RedisPendingChanges
from revenge_domain.ports.cache import Cache
from revenge_domain.ports.catalog_changes import CatalogChanges, NoCatalogChanges
from revenge_domain.ports.jobs import JobQueue
from revenge_domain.ports.search import SearchIndex
from revenge_domain.search.indexing import IndexingSchedule, SearchFollower, SearchIndexing


def indexing_schedule(client: aioredis.Redis, key_prefix: str, queue: JobQueue) -> IndexingSchedule:
    return IndexingSchedule(RedisPendingChanges(client, key_prefix), queue)


def search_follower(index: SearchIndex | None, schedule: IndexingSchedule) -> CatalogChanges:
    """Follows the catalogue into the index; follows nothing when search is off."""
    return NoCatalogChanges() if index is None else SearchFollower(schedule)


def search_indexing(
    index: SearchIndex | None,
    sessions: async_sessionmaker[AsyncSession],
    schedule: IndexingSchedule,
    answers: Cache | None = None,
) -> SearchIndexing | None:
    """What the indexing jobs use; `answers` is the cache of the search endpoints' answers."""
    if index is None:
        return None
    documents, outbox = PgSearchDocuments(sessions), PgSearchOutbox(sessions)
    return SearchIndexing(index, documents, schedule, answers, outbox)
