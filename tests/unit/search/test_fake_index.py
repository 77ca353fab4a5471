"""The in-memory search index behaves like the port says (other unit tests rely on it)."""

from collections.abc import AsyncIterator, Sequence

import attrs
import pytest

from revenge_domain.search import (
    Compare,
    Document,
    DocumentError,
    Equals,
    OneOf,
    SchemaStatus,
    SearchQuery,
    SearchUnavailable,
    Sort,
)
from tests.unit.fakes.search import FakeSearchIndex
from tests.unit.search.samples import CATALOG, MOVIES, by_title, movie


@pytest.fixture
async def index() -> FakeSearchIndex:
    index = FakeSearchIndex()
    await index.ensure(MOVIES)
    await index.upsert("movies", CATALOG)
    return index


def ids(result: object) -> list[str]:
    return [hit.document["id"] for hit in result.hits]  # type: ignore[attr-defined]


async def test_ensure_creates_then_compares_versions() -> None:
    index = FakeSearchIndex()
    assert (await index.ensure(MOVIES)).status is SchemaStatus.CREATED
    assert (await index.ensure(MOVIES)).status is SchemaStatus.CURRENT
    newer = await index.ensure(attrs.evolve(MOVIES, version=2))
    assert (newer.status, newer.index_version, newer.needs_rebuild) == (SchemaStatus.STALE, 1, True)


async def test_words_match_titles_ignoring_case_and_punctuation(index: FakeSearchIndex) -> None:
    result = await index.search("movies", by_title("SPIDERMAN"))
    assert ids(result) == ["m1", "m2"]  # by popularity among equal matches
    assert result.hits[0].highlights[0].field == "title"
    assert ids(await index.search("movies", by_title("spider begins"))) == []


async def test_star_lists_everything_by_the_default_sort(index: FakeSearchIndex) -> None:
    assert ids(await index.search("movies", by_title("*"))) == ["m1", "m2", "m3", "m4", "m5"]


async def test_filters_facets_sorting_and_pages(index: FakeSearchIndex) -> None:
    query = by_title(
        "*",
        filter_by=OneOf("library_id", ("lib-1",)),
        facet_by=("genres", "has_file"),
        sort_by=(Sort("year", descending=False),),
        per_page=2,
        page=2,
    )
    result = await index.search("movies", query)
    assert (result.found, result.total_pages, ids(result)) == (4, 2, ["m3", "m5"])
    assert result.counts("genres")["Action"] == 3
    assert result.counts("has_file") == {"true": 3, "false": 1}


async def test_array_fields_and_comparisons_filter(index: FakeSearchIndex) -> None:
    action = await index.search("movies", by_title("*", filter_by=Equals("genres", "Crime")))
    assert ids(action) == ["m3"]
    recent = await index.search("movies", by_title("*", filter_by=Compare("year", ">", 2004)))
    assert ids(recent) == ["m3", "m5"]


async def test_upsert_replaces_and_reports_bad_documents(index: FakeSearchIndex) -> None:
    renamed = movie("m3", "The Dark Knight", 2008, ["Action"])
    result = await index.upsert("movies", [renamed, {"id": "m9", "title": "No popularity"}])
    assert result.imported == 1
    assert result.errors == (DocumentError("m9", "field library_id is required"),)
    assert ids(await index.search("movies", by_title("knight"))) == ["m3"]


async def test_delete_counts_what_existed(index: FakeSearchIndex) -> None:
    assert await index.delete("movies", ["m1", "nope"]) == 1
    assert ids(await index.search("movies", by_title("spiderman"))) == ["m2"]


async def test_rebuild_swaps_only_when_complete(index: FakeSearchIndex) -> None:
    seen_during: list[str] = []

    async def batches() -> AsyncIterator[Sequence[Document]]:
        yield [movie("n1", "Spider-Man: No Way Home", 2021, ["Action"])]
        seen_during.extend(ids(await index.search("movies", by_title("spider"))))
        yield [movie("n2", "Dune", 2021, ["Science Fiction"])]

    result = await index.rebuild(attrs.evolve(MOVIES, version=2), batches())
    assert (result.imported, result.version) == (2, 2)
    assert seen_during == ["m1", "m2", "m5"]
    assert ids(await index.search("movies", by_title("spider"))) == ["n1"]
    assert (await index.ensure(attrs.evolve(MOVIES, version=2))).status is SchemaStatus.CURRENT


async def test_multi_search_answers_per_collection(index: FakeSearchIndex) -> None:
    index.broken.add("people")
    movies, people = await index.multi_search(
        [("movies", by_title("batman")), ("people", by_title("x"))]
    )
    assert ids(movies) == ["m3"]
    assert (people.hits, people.error) == ((), "no collection people")


async def test_everything_fails_when_the_engine_is_down(index: FakeSearchIndex) -> None:
    index.available = False
    assert not await index.healthy()
    with pytest.raises(SearchUnavailable):
        await index.search("movies", SearchQuery(query_by=("title",)))
    with pytest.raises(SearchUnavailable):
        await index.upsert("movies", CATALOG)
