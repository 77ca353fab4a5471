"""Searches behind a circuit breaker: once the engine fails, searches skip it for a moment.

A hung engine would otherwise cost every search its full timeout before the database answers;
a dead one, a connection attempt and a log line each. After `retry_after_s` one search is let
through, and the first success closes the circuit again. Writes and schema calls (jobs) pass
through untouched.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterable, Awaitable, Callable, Sequence
from typing import TypeVar

from revenge_adapters.cache.outage import CircuitBreaker
from revenge_domain.ports.search import SearchIndex
from revenge_domain.search import (
    CollectionSchema,
    Document,
    EnsureResult,
    RebuildResult,
    SearchQuery,
    SearchResult,
    SearchUnavailable,
    UpsertResult,
)

log = logging.getLogger(__name__)
T = TypeVar("T")


class BreakingSearchIndex:
    """`SearchIndex` whose searches fail fast while the engine is known to be down."""

    def __init__(
        self,
        inner: SearchIndex,
        retry_after_s: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._inner = inner
        self._breaker = CircuitBreaker(retry_after_s, clock)

    async def search(self, collection: str, query: SearchQuery) -> SearchResult:
        return await self._guarded(lambda: self._inner.search(collection, query))

    async def multi_search(self, searches: Sequence[tuple[str, SearchQuery]]) -> list[SearchResult]:
        return await self._guarded(lambda: self._inner.multi_search(searches))

    async def ensure(self, schema: CollectionSchema) -> EnsureResult:
        return await self._inner.ensure(schema)

    async def upsert(self, collection: str, documents: Sequence[Document]) -> UpsertResult:
        return await self._inner.upsert(collection, documents)

    async def delete(self, collection: str, ids: Sequence[str]) -> int:
        return await self._inner.delete(collection, ids)

    async def rebuild(
        self, schema: CollectionSchema, batches: AsyncIterable[Sequence[Document]]
    ) -> RebuildResult:
        return await self._inner.rebuild(schema, batches)

    async def healthy(self) -> bool:
        return await self._inner.healthy()

    async def _guarded(self, call: Callable[[], Awaitable[T]]) -> T:
        if not self._breaker.allows():
            raise SearchUnavailable("search engine skipped: it failed moments ago")
        try:
            result = await call()
        except SearchUnavailable:
            if self._breaker.failed():
                log.warning("search engine failing: searches use the database for now")
            raise
        if self._breaker.succeeded():
            log.info("search engine answering again")
        return result
