"""The search index port: collections kept current with the code's schemas, bulk writes, search.

Every method raises `SearchUnavailable` when the engine cannot answer (callers fall back to the
database), and `InvalidSearch` when the engine refuses a query as malformed.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, Sequence
from typing import Protocol

from revenge_domain.search import (
    CollectionSchema,
    Document,
    EnsureResult,
    RebuildResult,
    SearchQuery,
    SearchResult,
    UpsertResult,
)


class SearchIndex(Protocol):
    async def ensure(self, schema: CollectionSchema) -> EnsureResult:
        """Create the collection if missing and compare its live schema version with the code's.

        It never loads documents (they live in the catalog): when the result `needs_rebuild`, the
        caller enqueues a job that calls `rebuild` with batches read from the catalog.
        """
        ...

    async def upsert(self, collection: str, documents: Sequence[Document]) -> UpsertResult:
        """Insert or replace documents by `id`; bad documents are reported, not raised."""
        ...

    async def delete(self, collection: str, ids: Sequence[str]) -> int:
        """Delete documents by id; returns how many existed."""
        ...

    async def search(self, collection: str, query: SearchQuery) -> SearchResult: ...

    async def multi_search(self, searches: Sequence[tuple[str, SearchQuery]]) -> list[SearchResult]:
        """Several searches in one call, results in the same order; one failing search gives a
        result with `error` set instead of failing the others."""
        ...

    async def rebuild(
        self, schema: CollectionSchema, batches: AsyncIterable[Sequence[Document]]
    ) -> RebuildResult:
        """Load every document into a fresh collection at `schema.version`, then swap it in at
        once. Searches keep answering from the old collection until the swap."""
        ...

    async def healthy(self) -> bool:
        """True when the engine answers; never raises."""
        ...
