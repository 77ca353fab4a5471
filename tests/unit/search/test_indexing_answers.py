"""An indexing job drops the cached search answers that may show what it indexed, so a search
right after the job sees the index as it now is."""

from __future__ import annotations

from collections.abc import Collection

import pytest

from revenge_domain.ports.catalog_changes import Entity
from revenge_domain.search.indexing import SearchIndexing
from tests.unit.fakes.cache import InMemoryCache
from tests.unit.search.test_indexing import World

CACHED = ("search:movies:all:a", "search:multi:all:b", "search:tvshows:all:c")


class BrokenCache(InMemoryCache):
    async def invalidate_prefixes(self, prefixes: Collection[str]) -> None:
        raise ConnectionError("the cache is down")


@pytest.fixture
async def world() -> World:
    return await World().ready()


async def cached(cache: InMemoryCache) -> InMemoryCache:
    for key in CACHED:
        await cache.set(key, {"hits": []}, 30.0)
    return cache


async def test_indexed_movies_drop_the_cached_movie_and_multi_answers(world: World) -> None:
    answers = await cached(InMemoryCache())
    indexing = SearchIndexing(world.index, world.documents, world.schedule, answers)
    await world.follower.changed(Entity.MOVIE, [world.movie("Heat")])

    await indexing.index_pending()(Entity.MOVIE)

    assert answers.keys() == ["search:tvshows:all:c"]


async def test_a_job_with_nothing_pending_keeps_the_cached_answers(world: World) -> None:
    answers = await cached(InMemoryCache())
    indexing = SearchIndexing(world.index, world.documents, world.schedule, answers)

    await indexing.index_pending()(Entity.MOVIE)

    assert answers.keys() == sorted(CACHED)


async def test_a_cache_outage_does_not_fail_the_indexing(world: World) -> None:
    indexing = SearchIndexing(world.index, world.documents, world.schedule, BrokenCache())
    movie_id = world.movie("Heat")
    await world.follower.changed(Entity.MOVIE, [movie_id])

    await indexing.index_pending()(Entity.MOVIE)

    assert set(world.stored("movies")) == {str(movie_id)}
    assert world.pending.members(Entity.MOVIE) == set()
