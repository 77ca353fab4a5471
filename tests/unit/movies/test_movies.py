"""Movie rules and use cases with in-memory ports: the completion rule, paging bounds, the
library filter and the cached decorators."""

from __future__ import annotations

import uuid

import attrs
import pytest

from revenge_domain.errors import InvalidInput, NotFound
from revenge_domain.identity import GUEST, USER, AuthMethod, Principal
from revenge_domain.identity.access import DEFAULT_GRANTS
from revenge_domain.libraries import ALL, Readable
from revenge_domain.movies import (
    CachedMovieCatalog,
    CachedMovieWatchStore,
    MovieCatalogue,
    MovieOrder,
    MovieWatching,
    check_page,
    completes,
    parse_order,
)
from tests.unit.fakes.cache import InMemoryCache
from tests.unit.movies.fakes import InMemoryMovieCatalog, InMemoryWatchStore

LIB_A, LIB_B = uuid.uuid4(), uuid.uuid4()


class GrantedAccess:
    """The read filter of a test: each user's readable libraries, set by hand."""

    def __init__(self) -> None:
        self.readable: dict[uuid.UUID, Readable] = {}

    async def readable_library_ids(self, principal: Principal) -> Readable:
        return self.readable.get(principal.user_id, frozenset())

    async def forget(self, user_id: uuid.UUID) -> None:
        self.readable.pop(user_id, None)

    async def forget_everyone(self) -> None:
        self.readable.clear()


def caller(role: str = USER) -> Principal:
    return Principal(
        uuid.uuid4(), role, frozenset({role}), DEFAULT_GRANTS[role], None, AuthMethod.BEARER
    )


@attrs.define
class World:
    catalog: InMemoryMovieCatalog
    watch: InMemoryWatchStore
    cache: InMemoryCache
    access: GrantedAccess
    catalogue: MovieCatalogue
    watching: MovieWatching
    in_a: uuid.UUID
    in_b: uuid.UUID


@pytest.fixture
def world() -> World:
    catalog, watch, cache, access = (
        InMemoryMovieCatalog(),
        InMemoryWatchStore(),
        InMemoryCache(),
        GrantedAccess(),
    )
    in_a, in_b = uuid.uuid4(), uuid.uuid4()
    catalog.add(LIB_A, in_a, "Alpha")
    catalog.add(LIB_B, in_b, "Beta")
    cached = CachedMovieCatalog(catalog, cache)
    cached_watch = CachedMovieWatchStore(watch, cache)
    return World(
        catalog,
        watch,
        cache,
        access,
        MovieCatalogue(cached, cached_watch, access),
        MovieWatching(cached, cached_watch, access),
        in_a,
        in_b,
    )


def viewer_of(world: World, *libraries: uuid.UUID) -> Principal:
    principal = caller()
    world.access.readable[principal.user_id] = frozenset(libraries)
    return principal


@pytest.mark.parametrize(
    ("progress", "duration", "done"),
    [(0, 100, False), (90, 100, False), (91, 100, True), (100, 100, True), (5401, 6000, True)],
)
def test_a_movie_is_completed_past_ninety_percent(progress: int, duration: int, done: bool) -> None:
    assert completes(progress, duration) is done


@pytest.mark.parametrize(("limit", "offset"), [(0, 0), (101, 0), (20, -1)])
def test_pages_are_bounded(limit: int, offset: int) -> None:
    with pytest.raises(InvalidInput):
        check_page(limit, offset)


def test_orders_are_the_four_known_ones() -> None:
    assert parse_order("rating") is MovieOrder.RATING
    with pytest.raises(InvalidInput):
        parse_order("popularity")


async def test_a_caller_sees_only_movies_of_readable_libraries(world: World) -> None:
    viewer = viewer_of(world, LIB_A)
    page = await world.catalogue.browse(viewer, MovieOrder.ADDED, 20, 0)
    assert [item.id for item in page.items] == [world.in_a]
    assert page.total == 1
    assert (await world.catalogue.get(viewer, world.in_a)).title == "Alpha"
    with pytest.raises(NotFound):
        await world.catalogue.get(viewer, world.in_b)
    with pytest.raises(NotFound):
        await world.watching.update(viewer, world.in_b, 10, 100)


async def test_cached_answers_are_not_shared_between_different_access(world: World) -> None:
    only_a, both = viewer_of(world, LIB_A), viewer_of(world, LIB_A, LIB_B)
    assert (await world.catalogue.browse(only_a, MovieOrder.ADDED, 20, 0)).total == 1
    assert (await world.catalogue.browse(both, MovieOrder.ADDED, 20, 0)).total == 2
    reads = world.catalog.reads
    assert (await world.catalogue.browse(only_a, MovieOrder.ADDED, 20, 0)).total == 1
    assert world.catalog.reads == reads


async def test_list_items_carry_the_callers_progress(world: World) -> None:
    viewer = viewer_of(world, LIB_A, LIB_B)
    await world.watching.update(viewer, world.in_a, 30, 100)
    page = await world.catalogue.browse(viewer, MovieOrder.ADDED, 20, 0)
    progress = dict(zip([item.id for item in page.items], page.progress, strict=True))
    assert progress[world.in_b] is None
    assert progress[world.in_a] is not None
    assert progress[world.in_a].progress_seconds == 30


async def test_list_progress_is_cached_until_that_user_writes(world: World) -> None:
    viewer, other = viewer_of(world, LIB_A), viewer_of(world, LIB_A)
    await world.catalogue.browse(viewer, MovieOrder.ADDED, 20, 0)
    await world.catalogue.browse(other, MovieOrder.ADDED, 20, 0)
    reads = world.watch.reads

    await world.catalogue.browse(viewer, MovieOrder.ADDED, 20, 0)
    assert world.watch.reads == reads
    await world.watching.update(other, world.in_a, 30, 100)
    assert (await world.catalogue.browse(viewer, MovieOrder.ADDED, 20, 0)).progress[0] is None
    await world.watching.mark_watched(viewer, world.in_a)

    page = await world.catalogue.browse(viewer, MovieOrder.ADDED, 20, 0)
    progress = page.progress[0]
    assert progress is not None
    assert progress.is_completed is True
    assert world.watch.reads == reads + 1


async def test_progress_completes_and_counts_a_watch_once(world: World) -> None:
    viewer = viewer_of(world, LIB_A)
    assert (await world.watching.update(viewer, world.in_a, 50, 100)).is_completed is False
    done = await world.watching.update(viewer, world.in_a, 95, 100)
    assert (done.is_completed, done.watch_count) == (True, 1)
    again = await world.watching.update(viewer, world.in_a, 99, 100)
    assert again.watch_count == 1
    with pytest.raises(InvalidInput):
        await world.watching.update(viewer, world.in_a, 10, 0)


async def test_a_progress_write_refreshes_that_users_continue_watching(world: World) -> None:
    viewer = viewer_of(world, LIB_A, LIB_B)
    assert await world.watching.continue_watching(viewer, 10) == []
    await world.watching.update(viewer, world.in_a, 30, 100)
    assert len(await world.watching.continue_watching(viewer, 10)) == 1
    reads = world.watch.reads
    await world.watching.continue_watching(viewer, 10)
    assert world.watch.reads == reads
    await world.watching.delete(viewer, world.in_a)
    assert await world.watching.continue_watching(viewer, 10) == []
    with pytest.raises(NotFound):
        await world.watching.delete(viewer, world.in_a)


async def test_those_who_manage_libraries_read_everything(world: World) -> None:
    admin = caller(GUEST)
    world.access.readable[admin.user_id] = ALL
    assert (await world.catalogue.browse(admin, MovieOrder.TITLE, 20, 0)).total == 2


async def test_marking_as_watched_completes_at_the_known_duration(world: World) -> None:
    viewer = viewer_of(world, LIB_A)
    await world.watching.update(viewer, world.in_a, 30, 6000)
    done = await world.watching.mark_watched(viewer, world.in_a)
    assert (done.progress_seconds, done.is_completed, done.watch_count) == (6000, True, 1)
    with pytest.raises(NotFound):
        await world.watching.mark_watched(viewer, world.in_b)


async def test_marking_as_watched_refreshes_that_users_stats(world: World) -> None:
    viewer = viewer_of(world, LIB_A)
    assert (await world.watching.stats(viewer)).watched_count == 0
    reads = world.watch.reads
    await world.watching.stats(viewer)
    assert world.watch.reads == reads
    await world.watching.mark_watched(viewer, world.in_a)
    assert (await world.watching.stats(viewer)).watched_count == 1


async def test_similar_movies_of_an_unreadable_movie_are_not_found(world: World) -> None:
    viewer = viewer_of(world, LIB_A, LIB_B)
    answer = await world.catalogue.similar(viewer, world.in_a)
    assert answer.movie_id == world.in_a
    assert [item.id for item in answer.similar_movies] == [world.in_b]
    assert answer.total_results == 1
    with pytest.raises(NotFound):
        await world.catalogue.similar(viewer_of(world, LIB_A), world.in_b)
    with pytest.raises(NotFound):
        await world.catalogue.movie_collection(viewer, world.in_a)


async def test_the_genre_directory_is_cached_per_readable_set(world: World) -> None:
    only_a, both = viewer_of(world, LIB_A), viewer_of(world, LIB_A, LIB_B)
    assert (await world.catalogue.all_genres(only_a))[0].movie_count == 1
    assert (await world.catalogue.all_genres(both))[0].movie_count == 2
    reads = world.catalog.reads
    await world.catalogue.all_genres(only_a)
    assert world.catalog.reads == reads
