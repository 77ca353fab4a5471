"""Search: the endpoints (the engine, else the database), the index following the catalogue,
and full rebuilds."""

from __future__ import annotations

import attrs
from aiohttp import web
from dependency_injector import containers, providers
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.search.breaker import BreakingSearchIndex
from revenge_adapters.search.documents import PgSearchDocuments
from revenge_adapters.search.fallback import PgSearchFallback
from revenge_app.search.indexing import indexing_schedule, search_follower, search_indexing
from revenge_domain.libraries import LibraryAccess
from revenge_domain.ports.cache import Cache
from revenge_domain.ports.jobs import JobQueue
from revenge_domain.ports.search import SearchIndex
from revenge_domain.search.library_search import LibrarySearch
from revenge_domain.search.reindexing import RequestReindex


@attrs.frozen
class Search:
    # The engine first, the database when it cannot answer.
    search: LibrarySearch
    # Full rebuilds of the collections (none with search off).
    reindex: RequestReindex | None


SEARCH = web.AppKey("search", Search)


def library_search(
    session_factory: async_sessionmaker[AsyncSession],
    index: SearchIndex | None,
    access: LibraryAccess,
    cache: Cache,
) -> LibrarySearch:
    """The search endpoints; `index` None runs them on the database alone."""
    fallback = PgSearchFallback(session_factory, PgSearchDocuments(session_factory))
    engine = BreakingSearchIndex(index) if index is not None else None
    return LibrarySearch(engine, fallback, access, cache)


def reindex_requests(index: SearchIndex | None, queue: JobQueue) -> RequestReindex | None:
    return RequestReindex(queue) if index is not None else None


class SearchContainer(containers.DeclarativeContainer):
    core = providers.DependenciesContainer()

    index = core.search_index
    queue = core.queue
    schedule = providers.Singleton(indexing_schedule, core.redis, core.key_prefix, core.queue)
    # Follows the catalogue into the index (one of the catalogue's followers).
    follower = providers.Singleton(search_follower, index, schedule)
    # What the indexing jobs use; the search answers' cache is dropped on rebuilds.
    indexing = providers.Singleton(
        search_indexing, index, core.sessions, schedule, core.catalog_cache
    )
    search = providers.Singleton(
        library_search, core.sessions, index, core.library_access, core.catalog_cache
    )
    reindex = providers.Singleton(reindex_requests, index, core.queue)
    services = providers.Singleton(Search, search=search, reindex=reindex)
