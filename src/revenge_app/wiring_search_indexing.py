"""How search indexing is built: the catalogue follower, the indexing jobs' use cases, the
reindex requests, and account writes reporting to the catalogue followers."""

from __future__ import annotations

import attrs
import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.search.documents import PgSearchDocuments
from revenge_adapters.search.outbox import PgSearchOutbox
from revenge_adapters.search.pending import RedisPendingChanges
from revenge_app.http.state import UseCases
from revenge_domain.ports.cache import Cache
from revenge_domain.ports.catalog_changes import CatalogChanges, NoCatalogChanges
from revenge_domain.ports.jobs import JobQueue
from revenge_domain.ports.search import SearchIndex
from revenge_domain.search.indexing import IndexingSchedule, SearchFollower, SearchIndexing
from revenge_domain.search.reindexing import RequestReindex


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


def with_search_indexing(
    use_cases: UseCases, queue: JobQueue, changes: CatalogChanges, index: SearchIndex | None
) -> UseCases:
    """`use_cases` plus the reindex requests (none with search off); account writes then
    report to `changes`."""
    register, profiles = use_cases.register, use_cases.profiles
    avatar, admin, rbac = use_cases.upload_avatar, use_cases.admin_users, use_cases.rbac
    return attrs.evolve(
        use_cases,
        search_reindex=RequestReindex(queue) if index is not None else None,
        register=attrs.evolve(register, changes=changes) if register else None,
        profiles=attrs.evolve(profiles, changes=changes) if profiles else None,
        upload_avatar=attrs.evolve(avatar, changes=changes) if avatar else None,
        admin_users=attrs.evolve(admin, changes=changes) if admin else None,
        rbac=attrs.evolve(rbac, changes=changes) if rbac else None,
    )
