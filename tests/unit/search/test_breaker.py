"""Searches skip an engine that just failed, then try it again after a moment."""

from __future__ import annotations

import pytest

from revenge_adapters.search.breaker import BreakingSearchIndex
from revenge_domain.search import SearchQuery, SearchResult, SearchUnavailable
from revenge_domain.search.catalog import MOVIES
from tests.unit.fakes.search import FakeSearchIndex

QUERY = SearchQuery(q="spider", query_by=("title",))


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class CountingIndex(FakeSearchIndex):
    def __init__(self) -> None:
        super().__init__()
        self.searches = 0

    async def search(self, collection: str, query: SearchQuery) -> SearchResult:
        self.searches += 1
        return await super().search(collection, query)


async def test_a_failed_engine_is_skipped_until_the_retry_time() -> None:
    inner, clock = CountingIndex(), Clock()
    await inner.ensure(MOVIES.schema)
    index = BreakingSearchIndex(inner, retry_after_s=2.0, clock=clock)
    inner.available = False
    with pytest.raises(SearchUnavailable):
        await index.search("movies", QUERY)
    inner.available = True
    with pytest.raises(SearchUnavailable):
        await index.search("movies", QUERY)
    assert inner.searches == 1

    clock.now = 2.5
    assert (await index.search("movies", QUERY)).found == 0
    assert await index.multi_search([("movies", QUERY)])
    assert inner.searches == 3


async def test_writes_pass_through_while_searches_are_skipped() -> None:
    inner, clock = FakeSearchIndex(), Clock()
    index = BreakingSearchIndex(inner, clock=clock)
    inner.available = False
    with pytest.raises(SearchUnavailable):
        await index.multi_search([("movies", QUERY)])
    inner.available = True
    assert (await index.ensure(MOVIES.schema)).needs_rebuild
    assert await index.healthy()
    with pytest.raises(SearchUnavailable):
        await index.search("movies", QUERY)
