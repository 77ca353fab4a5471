"""Wiring of the search endpoints: the engine, the database fallback, the library filter and
the cache."""

from __future__ import annotations

import attrs
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.search.breaker import BreakingSearchIndex
from revenge_adapters.search.documents import PgSearchDocuments
from revenge_adapters.search.fallback import PgSearchFallback
from revenge_app.http.state import UseCases
from revenge_domain.libraries import LibraryAccess
from revenge_domain.ports.cache import Cache
from revenge_domain.ports.search import SearchIndex
from revenge_domain.search.library_search import LibrarySearch


def with_search(
    use_cases: UseCases,
    session_factory: async_sessionmaker[AsyncSession],
    index: SearchIndex | None,
    access: LibraryAccess,
    cache: Cache,
) -> UseCases:
    """`use_cases` plus the search endpoints; `index` None runs them on the database alone."""
    fallback = PgSearchFallback(session_factory, PgSearchDocuments(session_factory))
    engine = BreakingSearchIndex(index) if index is not None else None
    search = LibrarySearch(engine, fallback, access, cache)
    return attrs.evolve(use_cases, library_search=search)
