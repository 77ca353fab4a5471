"""The catalogue cache follows reported changes: exactly the cached answers that show what
changed are dropped, movies and TV alike."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Collection
from typing import Any

import pytest

from revenge_adapters.tvshows import CachedTVCatalog
from revenge_domain.catalog_cache import MANY, CatalogCacheFollower
from revenge_domain.credits import CreditKind
from revenge_domain.libraries import ALL, Readable
from revenge_domain.movies import CachedMovieCatalog, CachedMovieWatchStore, MovieOrder
from revenge_domain.ports.catalog_changes import Entity
from revenge_domain.tvshows import Page, SeriesOrder
from tests.unit.fakes.cache import InMemoryCache
from tests.unit.movies.fakes import InMemoryMovieCatalog, InMemoryWatchStore

LIB = uuid.uuid4()
M1, M2, S1, S2, SEASON, EP1, EP2 = (uuid.uuid4() for _ in range(7))
U1, U2, COLLECTION = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
Read = Callable[[], Awaitable[Any]]


class EmptyTV:
    """A TV catalogue that knows nothing: every answer is an absence (cached all the same)."""

    async def series_page(self, *_: Any) -> Page[Any]:
        return Page([], 0)

    async def _none(self, *_: Any) -> None:
        return None

    series = seasons = season = season_episodes = episode = credits = _none
    genres = networks = _none


class ForgottenLanguages:
    def __init__(self) -> None:
        self.forgotten: list[uuid.UUID] = []

    async def metadata_language(self, user_id: uuid.UUID) -> str | None:
        return None

    async def forget(self, user_id: uuid.UUID) -> None:
        self.forgotten.append(user_id)


class BrokenCache(InMemoryCache):
    async def invalidate_prefixes(self, prefixes: Collection[str]) -> None:
        raise ConnectionError("cache down")


class CountingCache(InMemoryCache):
    def __init__(self) -> None:
        super().__init__()
        self.calls: list[list[str]] = []

    async def invalidate_prefix(self, prefix: str) -> None:
        raise AssertionError("one prefix at a time")

    async def invalidate_prefixes(self, prefixes: Collection[str]) -> None:
        self.calls.append(list(prefixes))
        await super().invalidate_prefixes(prefixes)


def reads(cache: InMemoryCache) -> dict[str, Read]:
    movies_inner = InMemoryMovieCatalog()
    movies_inner.add(LIB, M1, "One")
    movies_inner.add(LIB, M2, "Two")
    movies = CachedMovieCatalog(movies_inner, cache)
    watch = CachedMovieWatchStore(InMemoryWatchStore(), cache)
    tv = CachedTVCatalog(EmptyTV(), cache)  # type: ignore[arg-type]
    some: Readable = frozenset({LIB})
    cast = CreditKind.CAST
    return {
        "m1": lambda: movies.movie(ALL, M1),
        "m1 de": lambda: movies.movie(some, M1, "de"),
        "m1 files": lambda: movies.files(ALL, M1),
        "m1 genres": lambda: movies.genres(ALL, M1),
        "m1 cast": lambda: movies.credits(ALL, M1, cast, 10, 0),
        "m2": lambda: movies.movie(ALL, M2),
        "m2 cast": lambda: movies.credits(ALL, M2, cast, 10, 0),
        "movie list": lambda: movies.movies(ALL, MovieOrder.ADDED, 10, 0),
        "top rated": lambda: movies.top_rated(ALL, 0, 10, 0),
        "similar to m2": lambda: movies.similar(ALL, M2, 5),
        "collection": lambda: movies.collection(ALL, COLLECTION),
        "genres": lambda: movies.all_genres(ALL),
        "u1 continue": lambda: watch.continue_watching(U1, ALL, 10),
        "u2 history": lambda: watch.history(U2, ALL, 10, 0),
        "s1": lambda: tv.series(ALL, S1),
        "s1 de": lambda: tv.series(some, S1, "de"),
        "s1 seasons": lambda: tv.seasons(ALL, S1),
        "s1 genres": lambda: tv.genres(ALL, S1),
        "s1 cast": lambda: tv.credits(ALL, S1, cast, 10, 0),
        "s2": lambda: tv.series(ALL, S2),
        "s2 seasons": lambda: tv.seasons(ALL, S2),
        "tv list": lambda: tv.series_page(ALL, SeriesOrder.TITLE, 10, 0),
        "season": lambda: tv.season(ALL, SEASON),
        "season episodes": lambda: tv.season_episodes(ALL, SEASON),
        "ep1": lambda: tv.episode(ALL, EP1),
        "ep2": lambda: tv.episode(ALL, EP2),
    }


class Warm:
    """Every read answered once, and which keys each one left in the cache."""

    def __init__(self, cache: InMemoryCache) -> None:
        self.cache = cache
        self.keys_of: dict[str, set[str]] = {}

    async def fill(self) -> Warm:
        for name, read in reads(self.cache).items():
            before = set(self.cache.keys())
            await read()
            self.keys_of[name] = set(self.cache.keys()) - before
            assert self.keys_of[name], name
        return self

    def dropped(self) -> set[str]:
        now = set(self.cache.keys())
        return {name for name, keys in self.keys_of.items() if not keys <= now}


MOVIE_LISTS = {"movie list", "top rated", "similar to m2", "collection", "genres"}
WATCH = {"u1 continue", "u2 history"}
TV = {
    *("s1", "s1 de", "s1 seasons", "s1 genres", "s1 cast", "s2", "s2 seasons", "tv list"),
    *("season", "season episodes", "ep1", "ep2"),
}


@pytest.fixture
async def warm() -> Warm:
    return await Warm(InMemoryCache()).fill()


async def test_a_changed_movie_drops_its_own_answers_and_the_lists(warm: Warm) -> None:
    await CatalogCacheFollower(warm.cache).changed(Entity.MOVIE, [M1])

    own = {"m1", "m1 de", "m1 files", "m1 genres", "m1 cast"}
    assert warm.dropped() == own | MOVIE_LISTS | WATCH


async def test_a_removed_movie_drops_the_same(warm: Warm) -> None:
    await CatalogCacheFollower(warm.cache).removed(Entity.MOVIE, [M2])

    assert warm.dropped() == {"m2", "m2 cast"} | MOVIE_LISTS | WATCH


async def test_a_changed_person_drops_every_credit_list_only(warm: Warm) -> None:
    await CatalogCacheFollower(warm.cache).changed(Entity.PERSON, [uuid.uuid4()])

    assert warm.dropped() == {"m1 cast", "m2 cast", "s1 cast"}


async def test_a_changed_series_drops_its_answers_the_tv_list_and_the_genres(
    warm: Warm,
) -> None:
    await CatalogCacheFollower(warm.cache).changed(Entity.SERIES, [S1])

    own = {"s1", "s1 de", "s1 seasons", "s1 genres", "s1 cast"}
    assert warm.dropped() == own | {"tv list", "genres"}


async def test_a_removed_series_also_drops_seasons_and_episodes(warm: Warm) -> None:
    await CatalogCacheFollower(warm.cache).removed(Entity.SERIES, [S2])

    children = {"season", "season episodes", "ep1", "ep2"}
    assert warm.dropped() == {"s2", "s2 seasons", "tv list", "genres"} | children


async def test_a_changed_season_drops_it_and_the_season_and_episode_lists(warm: Warm) -> None:
    await CatalogCacheFollower(warm.cache).changed(Entity.SEASON, [SEASON])

    assert warm.dropped() == {"season", "season episodes", "s1 seasons", "s2 seasons"}


async def test_a_changed_episode_drops_it_and_the_episode_lists(warm: Warm) -> None:
    await CatalogCacheFollower(warm.cache).changed(Entity.EPISODE, [EP1])

    assert warm.dropped() == {"ep1", "season episodes"}


async def test_a_changed_user_drops_their_watch_state_and_language(warm: Warm) -> None:
    languages = ForgottenLanguages()
    await CatalogCacheFollower(warm.cache, languages).changed(Entity.USER, [U1])

    assert warm.dropped() == {"u1 continue"}
    assert languages.forgotten == [U1]


async def test_many_movies_at_once_drop_the_whole_movie_cache(warm: Warm) -> None:
    many = [M1, *(uuid.uuid4() for _ in range(MANY))]
    await CatalogCacheFollower(warm.cache).changed(Entity.MOVIE, many)

    assert warm.dropped() == {name for name in warm.keys_of if name not in TV}


async def test_many_episodes_at_once_drop_the_whole_tv_cache(warm: Warm) -> None:
    many = [uuid.uuid4() for _ in range(MANY + 1)]
    await CatalogCacheFollower(warm.cache).removed(Entity.EPISODE, many)

    assert warm.dropped() == TV | {"genres"}


async def test_nothing_reported_drops_nothing(warm: Warm) -> None:
    await CatalogCacheFollower(warm.cache).changed(Entity.MOVIE, [])

    assert warm.dropped() == set()


async def test_a_cache_failure_never_fails_the_write() -> None:
    await CatalogCacheFollower(BrokenCache()).changed(Entity.SERIES, [S1])


@pytest.mark.parametrize("entity", list(Entity))
async def test_a_report_drops_all_its_prefixes_in_one_call(entity: Entity) -> None:
    cache = CountingCache()

    await CatalogCacheFollower(cache).removed(entity, [M1, S1])

    assert len(cache.calls) == 1
    assert len(cache.calls[0]) > 0
