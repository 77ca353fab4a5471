"""The search use cases over an in-memory index, cache and fallback: the permission filter, the
cache, the database fallback and the multi-search's groups and `top` list."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Sequence
from typing import Any

import attrs
import pytest

from revenge_app.http.answers import unstructured
from revenge_domain.errors import InvalidInput
from revenge_domain.identity import ADMIN, USER, AuthMethod, Principal
from revenge_domain.identity.access import DEFAULT_GRANTS
from revenge_domain.libraries import ALL, Readable
from revenge_domain.search.answers import Answer, Backend, FallbackPage
from revenge_domain.search.catalog import COLLECTIONS
from revenge_domain.search.library_search import LibrarySearch, forget_results
from revenge_domain.search.query import Sort
from tests.unit.fakes.cache import InMemoryCache
from tests.unit.fakes.search import FakeSearchIndex

LIB_A, LIB_B = str(uuid.uuid4()), str(uuid.uuid4())


def caller(role: str = USER) -> Principal:
    return Principal(
        uuid.uuid4(), role, frozenset({role}), DEFAULT_GRANTS[role], None, AuthMethod.BEARER
    )


class GrantedAccess:
    def __init__(self) -> None:
        self.readable: dict[uuid.UUID, Readable] = {}

    async def readable_library_ids(self, principal: Principal) -> Readable:
        return self.readable.get(principal.user_id, frozenset())

    async def forget(self, user_id: uuid.UUID) -> None:
        self.readable.pop(user_id, None)

    async def forget_everyone(self) -> None:
        self.readable.clear()


class RecordedFallback:
    """The database fallback: titles containing the text, in readable libraries; calls kept."""

    def __init__(self, documents: dict[str, list[dict[str, Any]]]) -> None:
        self.documents = documents
        self.calls: list[str] = []
        self.sorts: list[tuple[Sort, ...]] = []

    async def search(
        self,
        collection: str,
        readable: Readable,
        text: str,
        limit: int,
        offset: int,
        *,
        sort: Sequence[Sort] = (),
        facets: Sequence[str] = (),
    ) -> FallbackPage:
        self.calls.append(collection)
        self.sorts.append(tuple(sort))
        found = [
            d
            for d in self.documents.get(collection, [])
            if text.lower() in str(d.get("title", d.get("name", ""))).lower()
            and (readable is ALL or d.get("library_id") in {str(i) for i in readable})
        ]
        return FallbackPage(found[offset : offset + limit], len(found))

    async def facets(
        self, collection: str, readable: Readable, names: Sequence[str], limit: int
    ) -> dict[str, list[dict[str, Any]]]:
        self.calls.append(collection)
        held = [
            d
            for d in self.documents.get(collection, [])
            if readable is ALL or d.get("library_id") in {str(i) for i in readable}
        ]
        if "genres" not in names:
            return {}
        found = Counter(genre for d in held for genre in d.get("genres", []))
        return {"genres": [{"value": v, "count": c} for v, c in found.most_common(limit)]}


def movie(title: str, library: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": f"m-{title}",
        "title": title,
        "library_id": library,
        "popularity": 1.0,
        "genres": ["Action"],
        **extra,
    }


MOVIES = [
    movie("Spider-Man", LIB_A, year=2002, release_date=1020384000),
    movie("Spider-Man 2", LIB_B, year=2004),
    movie("Batman", LIB_A, genres=["Crime"]),
]
SERIES = [{"id": "s1", "title": "Spider Tales", "library_id": LIB_B, "popularity": 2.0}]
COUNTS = {"tmdb_id": 1, "movie_count": 1, "tvshow_count": 0, "total_credits": 1}
PEOPLE = [
    {**COUNTS, "id": "p1", "name": "Spider Jones", "library_ids": [LIB_B]},
    {**COUNTS, "id": "p2", "name": "Spider Smith", "library_ids": [LIB_A, LIB_B]},
    {**COUNTS, "id": "p3", "name": "Spider Hidden", "library_ids": [LIB_A]},
]
USERS = [
    {
        "id": "u1",
        "username": "spider",
        "email": "s@x",
        "is_active": True,
        "is_admin": False,
        "created_at": 1,
    }
]


@attrs.define
class World:
    index: FakeSearchIndex
    cache: InMemoryCache
    access: GrantedAccess
    fallback: RecordedFallback
    search: LibrarySearch

    def reader(self, *libraries: str, role: str = USER) -> Principal:
        principal = caller(role)
        self.access.readable[principal.user_id] = frozenset(uuid.UUID(i) for i in libraries)
        return principal

    def admin(self) -> Principal:
        principal = caller(ADMIN)
        self.access.readable[principal.user_id] = ALL
        return principal


@pytest.fixture
async def world() -> World:
    index, cache, access = FakeSearchIndex(), InMemoryCache(), GrantedAccess()
    for collection in COLLECTIONS:
        await index.ensure(collection.schema)
    for name, documents in [
        ("movies", MOVIES),
        ("tvshows", SERIES),
        ("people", PEOPLE),
        ("users", USERS),
    ]:
        assert (await index.upsert(name, documents)).errors == ()
    fallback = RecordedFallback({"movies": MOVIES, "tvshows": SERIES})
    return World(index, cache, access, fallback, LibrarySearch(index, fallback, access, cache))


def shown(answer: Answer[Any]) -> Any:
    """The answer as the API writes it."""
    return unstructured(answer.body)


def titles(body: dict[str, Any]) -> list[str]:
    shown = ("title", "name", "username")
    return [next(h["document"][f] for f in shown if f in h["document"]) for h in body["hits"]]


async def test_hits_totals_and_facets_count_only_readable_libraries(world: World) -> None:
    answer = await world.search.search(world.reader(LIB_A), "movies", "spider", facet_by="genres")
    assert titles(shown(answer)) == ["Spider-Man"]
    assert (shown(answer)["total_hits"], shown(answer)["total_pages"]) == (1, 1)
    assert shown(answer)["facets"] == {"genres": [{"value": "Action", "count": 1}]}
    assert shown(answer)["hits"][0]["document"]["release_date"] == "2002-05-03"
    assert answer.backend is Backend.TYPESENSE

    everything = await world.search.search(world.admin(), "movies", "spider")
    assert sorted(titles(shown(everything))) == ["Spider-Man", "Spider-Man 2"]


async def test_who_may_read_no_library_gets_nothing_without_a_query(world: World) -> None:
    world.index.available = False  # any engine call would fail and reach the fallback
    nobody = world.reader()
    assert shown(await world.search.search(nobody, "movies", "spider"))["total_hits"] == 0
    assert shown(await world.search.autocomplete(nobody, "movies", "spi")) == {"suggestions": []}
    facets = shown(await world.search.facets(nobody, "movies"))
    assert set(facets) == {"genres", "years", "status", "directors", "resolution", "has_file"}
    assert not any(facets.values())
    multi = shown(await world.search.multi(nobody, "spider"))
    assert multi["top"] == []
    assert multi["people"] == {"hits": [], "total_hits": 0}
    assert world.fallback.calls == []


async def test_a_client_filter_narrows_but_never_widens(world: World) -> None:
    reader = world.reader(LIB_A)
    narrowed = await world.search.search(reader, "movies", "spider", filter_by="year:>2003")
    assert shown(narrowed)["total_hits"] == 0
    wide = await world.search.search(reader, "movies", "spider", filter_by="year:>0 || year:<0")
    assert titles(shown(wide)) == ["Spider-Man"]
    with pytest.raises(InvalidInput) as caught:
        await world.search.search(reader, "movies", "spider", filter_by=f"library_id:={LIB_B}")
    assert caught.value.details == {"field": "filter_by", "name": "library_id"}


async def test_answers_are_cached_per_permission_set_and_forgotten_on_reindex(
    world: World,
) -> None:
    reader = world.reader(LIB_A)
    first = await world.search.search(reader, "movies", "spider")
    await world.index.upsert("movies", [movie("Spider Pig", LIB_A)])
    assert await world.search.search(reader, "movies", "spider") == first
    cached = world.cache.keys()
    assert any(key.startswith("search:movies:") for key in cached)

    other = await world.search.search(world.reader(LIB_A, LIB_B), "movies", "spider")
    assert "Spider Pig" in titles(shown(other))

    await forget_results(world.cache, ["movies"])
    again = await world.search.search(reader, "movies", "spider")
    assert sorted(titles(shown(again))) == ["Spider Pig", "Spider-Man"]


async def test_the_database_answers_while_the_engine_is_down_and_uncached(world: World) -> None:
    reader = world.reader(LIB_A)
    world.index.available = False
    down = await world.search.search(reader, "movies", "Spider")
    assert (down.backend, titles(shown(down))) == (Backend.POSTGRES, ["Spider-Man"])
    assert shown(down)["total_hits"] == 1
    assert shown(down)["current_page"] == 1
    suggested = await world.search.autocomplete(reader, "movies", "Spi")
    assert (suggested.backend, shown(suggested)) == (
        Backend.POSTGRES,
        {"suggestions": ["Spider-Man"]},
    )
    facets = await world.search.facets(reader, "movies")
    assert facets.backend is Backend.POSTGRES
    assert shown(facets)["genres"] == [
        {"value": "Action", "count": 1},
        {"value": "Crime", "count": 1},
    ]
    assert shown(facets)["years"] == []
    assert world.cache.keys() == []

    world.index.available = True
    back = await world.search.search(reader, "movies", "Spider")
    assert back.backend is Backend.TYPESENSE


async def test_an_empty_or_missing_collection_falls_back(world: World) -> None:
    reader = world.reader(LIB_A)
    await world.index.delete("movies", [d["id"] for d in MOVIES])
    empty = await world.search.search(reader, "movies", "Spider")
    assert (empty.backend, titles(shown(empty))) == (Backend.POSTGRES, ["Spider-Man"])

    world.index.broken.add("tvshows")
    multi = await world.search.multi(world.reader(LIB_B), "spider")
    assert multi.backend is Backend.POSTGRES
    assert titles(shown(multi)["tvshows"]) == ["Spider Tales"]


async def test_an_empty_collection_with_nothing_in_the_database_either_is_not_a_fallback(
    world: World,
) -> None:
    reader = world.reader(LIB_A)
    await world.index.delete("movies", [d["id"] for d in MOVIES])
    world.fallback.documents.clear()
    answer = await world.search.search(reader, "movies", "Spider")
    assert (answer.backend, shown(answer)["total_hits"]) == (Backend.TYPESENSE, 0)
    assert any(key.startswith("search:movies:") for key in list(world.cache.keys()))


async def test_multi_searches_every_group_and_merges_the_best(world: World) -> None:
    answer = await world.search.multi(world.reader(LIB_B), "spider", limit=3)
    body = shown(answer)
    assert answer.backend is Backend.TYPESENSE  # seasons and episodes are empty everywhere
    assert set(body) == {"movies", "tvshows", "episodes", "seasons", "people", "top"}
    assert titles(body["movies"]) == ["Spider-Man 2"]
    assert set(body["movies"]) >= {"total_pages", "current_page", "facets"}
    assert set(body["people"]) == {"hits", "total_hits"}
    assert sorted(titles(body["people"])) == ["Spider Jones", "Spider Smith"]
    assert len(body["top"]) == 3
    assert {hit["collection"] for hit in body["top"]} <= {"movies", "tvshows", "people"}

    admin = await world.search.multi(world.admin(), "spider")
    assert titles(shown(admin)["users"]) == ["spider"]


async def test_a_blank_query_is_refused(world: World) -> None:
    with pytest.raises(InvalidInput) as caught:
        await world.search.search(world.reader(LIB_A), "movies", "   ")
    assert caught.value.details == {"field": "q"}


async def test_the_database_applies_client_filters_too(world: World) -> None:
    world.index.available = False
    reader = world.reader(LIB_A, LIB_B)
    narrowed = await world.search.search(reader, "movies", "Spider", filter_by="year:>2003")
    assert (narrowed.backend, titles(shown(narrowed))) == (Backend.POSTGRES, ["Spider-Man 2"])
    assert shown(narrowed)["total_hits"] == 1
    either = await world.search.search(
        reader, "movies", "Spider", filter_by="year:=2002 || genres:=[Crime]", per_page=1
    )
    assert (titles(shown(either)), shown(either)["total_pages"]) == (["Spider-Man"], 1)


async def test_the_database_is_asked_for_the_client_sort(world: World) -> None:
    world.index.available = False
    reader = world.reader(LIB_A, LIB_B)
    await world.search.search(reader, "movies", "Spider", sort_by="title:desc,year:asc")
    await world.search.search(reader, "movies", "Spider", filter_by="year:>0", sort_by="year:asc")
    assert world.fallback.sorts == [
        (Sort("title", descending=True), Sort("year", descending=False)),
        (Sort("year", descending=False),),
    ]


async def test_with_a_client_filter_the_database_answer_counts_facets_of_what_passed(
    world: World,
) -> None:
    world.index.available = False
    reader = world.reader(LIB_A, LIB_B)
    answer = await world.search.search(
        reader, "movies", "Spider", filter_by="year:>2000", facet_by="genres,year"
    )
    assert shown(answer)["facets"] == {
        "genres": [{"value": "Action", "count": 2}],
        "year": [{"value": "2002", "count": 1}, {"value": "2004", "count": 1}],
    }
