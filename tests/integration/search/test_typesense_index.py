"""The Typesense search index against a real server."""

from __future__ import annotations

import socket
import time
from collections.abc import AsyncIterator, Sequence

import attrs
import pytest
from typesense import AsyncClient

from revenge_adapters.metrics import REGISTRY
from revenge_adapters.search import TypesenseSearchIndex
from revenge_app.embedded.typesense import TypesenseServer
from revenge_domain.search import (
    AllOf,
    CollectionSchema,
    Document,
    Equals,
    InvalidSearch,
    OneOf,
    SchemaStatus,
    SearchField,
    SearchQuery,
    SearchResult,
    SearchUnavailable,
    Sort,
)
from tests.unit.search.samples import CATALOG, MOVIES, by_title, movie

PEOPLE = CollectionSchema(
    "people",
    1,
    (SearchField("name", "string"), SearchField("total_credits", "int32")),
    default_sorting_field="total_credits",
)


def ids(result: SearchResult) -> list[str]:
    return [hit.document["id"] for hit in result.hits]


async def physical_names(typesense_client: AsyncClient, prefix: str) -> list[str]:
    return sorted(
        c["name"]
        for c in await typesense_client.collections.retrieve()
        if c["name"].startswith(prefix)
    )


async def alias_target(typesense_client: AsyncClient, name: str) -> str:
    return str((await typesense_client.aliases[name].retrieve())["collection_name"])


@pytest.fixture
async def movies(index: TypesenseSearchIndex) -> TypesenseSearchIndex:
    await index.ensure(MOVIES)
    result = await index.upsert("movies", CATALOG)
    assert (result.imported, result.errors) == (len(CATALOG), ())
    return index


async def test_ensure_creates_a_versioned_collection_behind_an_alias(
    index: TypesenseSearchIndex, typesense_client: AsyncClient, prefix: str
) -> None:
    result = await index.ensure(MOVIES)
    assert (result.status, result.needs_rebuild) == (SchemaStatus.CREATED, True)
    [physical] = await physical_names(typesense_client, prefix)
    assert physical.startswith(f"{prefix}movies_v1_")
    assert await alias_target(typesense_client, f"{prefix}movies") == physical

    again = await index.ensure(MOVIES)
    assert (again.status, again.needs_rebuild) == (SchemaStatus.CURRENT, False)
    assert await physical_names(typesense_client, prefix) == [physical]


async def test_typos_find_titles_with_facets(movies: TypesenseSearchIndex) -> None:
    result = await movies.search("movies", by_title("spidrman", facet_by=("genres", "year")))
    assert ids(result) == ["m1", "m2"]
    assert result.found == 2
    assert result.hits[0].text_match > 0
    assert result.hits[0].highlights[0].field == "title"
    assert result.counts("genres") == {"Action": 2, "Adventure": 1}
    assert result.counts("year") == {"2002": 1, "2004": 1}


async def test_filters_sort_and_pages(movies: TypesenseSearchIndex) -> None:
    query = by_title(
        "*",
        filter_by=AllOf((OneOf("library_id", ("lib-1",)), Equals("genres", "Action"))),
        sort_by=(Sort("year", descending=False),),
        per_page=2,
        page=2,
    )
    result = await movies.search("movies", query)
    assert (result.found, result.total_pages, result.page, ids(result)) == (3, 2, 2, ["m3"])


@pytest.mark.parametrize("value", ["x && library_id:=`lib-2`", "trailing\\", "a || b", "(x)"])
async def test_odd_filter_values_never_widen_the_permission_filter(
    movies: TypesenseSearchIndex, value: str
) -> None:
    text = value.replace("`", "")  # a backtick is refused before it gets here
    await movies.upsert("movies", [movie("odd", text, 2000, [], library_id="lib-1")])
    query = by_title("*", filter_by=AllOf((Equals("library_id", "lib-1"), Equals("title", text))))
    result = await movies.search("movies", query)
    assert all(hit.document["library_id"] == "lib-1" for hit in result.hits)
    assert "m4" not in ids(result)


async def test_bad_documents_are_reported_and_the_rest_imported(
    movies: TypesenseSearchIndex,
) -> None:
    docs: list[Document] = [movie("m6", "Dune", 2021, []), {"id": "m7", "title": "No popularity"}]
    result = await movies.upsert("movies", docs)
    assert result.imported == 1
    assert [error.id for error in result.errors] == ["m7"]
    assert ids(await movies.search("movies", by_title("dune"))) == ["m6"]


async def test_large_upserts_go_in_batches(typesense: TypesenseServer, prefix: str) -> None:
    async with TypesenseSearchIndex(
        typesense.url, typesense.api_key, prefix=prefix, import_batch=2
    ) as index:
        await index.ensure(MOVIES)
        docs: list[Document] = [*CATALOG[:3], {"id": "bad", "title": "x"}, *CATALOG[3:]]
        result = await index.upsert("movies", docs)
        assert (result.imported, [e.id for e in result.errors]) == (5, ["bad"])
        assert (await index.search("movies", by_title("*"))).found == 5
        await index.drop_all()


async def test_delete_by_ids(movies: TypesenseSearchIndex) -> None:
    assert await movies.delete("movies", ["m1", "m2", "missing"]) == 2
    assert ids(await movies.search("movies", by_title("spider"))) == ["m5"]


async def test_multi_search_answers_each_collection_in_one_call(
    movies: TypesenseSearchIndex,
) -> None:
    await movies.ensure(PEOPLE)
    await movies.upsert("people", [{"id": "p1", "name": "Tobey Maguire", "total_credits": 40}])
    found_movies, people, missing = await movies.multi_search(
        [
            ("movies", by_title("batman")),
            ("people", SearchQuery(q="tobey", query_by=("name",))),
            ("nothing", by_title("x")),
        ]
    )
    assert (ids(found_movies), ids(people)) == (["m3"], ["p1"])
    assert (missing.collection, missing.hits) == ("nothing", ())
    assert missing.error


async def test_rebuild_swaps_the_alias_with_no_gap(
    movies: TypesenseSearchIndex, typesense_client: AsyncClient, prefix: str
) -> None:
    [old] = await physical_names(typesense_client, prefix)
    during: list[list[str]] = []

    async def catalog() -> AsyncIterator[Sequence[Document]]:
        yield [movie("n1", "Spider-Man: No Way Home", 2021, ["Action"], popularity=10.0)]
        during.append(ids(await movies.search("movies", by_title("spider"))))
        await movies.upsert("movies", [movie("late", "Spider Pig", 2007, [])])  # writes meanwhile
        yield [movie("n2", "Dune", 2021, ["Science Fiction"]), movie("gone", "Spider Gone", 1, [])]
        await movies.delete("movies", ["gone"])
        during.append(ids(await movies.search("movies", by_title("spider"))))

    result = await movies.rebuild(attrs.evolve(MOVIES, version=2), catalog())

    assert (result.imported, result.version, result.swapped) == (3, 2, True)
    assert during[0] == ["m1", "m2", "m5"]  # the old collection answered during the rebuild
    assert set(during[1]) == {"m1", "m2", "m5", "late"}
    [new] = await physical_names(typesense_client, prefix)
    assert new.startswith(f"{prefix}movies_v2_")
    assert new != old
    assert await alias_target(typesense_client, f"{prefix}movies") == new
    assert set(ids(await movies.search("movies", by_title("spider")))) == {"n1", "late"}


async def test_a_failed_rebuild_leaves_the_live_collection_alone(
    movies: TypesenseSearchIndex, typesense_client: AsyncClient, prefix: str
) -> None:
    before = await physical_names(typesense_client, prefix)

    async def broken_catalog() -> AsyncIterator[Sequence[Document]]:
        yield [movie("n1", "Dune", 2021, [])]
        raise RuntimeError("catalog went away")

    with pytest.raises(RuntimeError, match="catalog went away"):
        await movies.rebuild(MOVIES, broken_catalog())
    assert await physical_names(typesense_client, prefix) == before
    assert ids(await movies.search("movies", by_title("batman"))) == ["m3"]


async def test_a_newer_schema_version_is_reported_stale(movies: TypesenseSearchIndex) -> None:
    v2 = attrs.evolve(MOVIES, version=2)
    stale = await movies.ensure(v2)
    assert (stale.status, stale.code_version, stale.index_version) == (SchemaStatus.STALE, 2, 1)
    assert stale.needs_rebuild

    async def catalog() -> AsyncIterator[Sequence[Document]]:
        yield CATALOG

    await movies.rebuild(v2, catalog())
    assert (await movies.ensure(v2)).status is SchemaStatus.CURRENT
    assert (await movies.ensure(MOVIES)).status is SchemaStatus.AHEAD


async def test_an_alias_pointing_nowhere_is_recreated(
    index: TypesenseSearchIndex, typesense_client: AsyncClient, prefix: str
) -> None:
    await typesense_client.aliases.upsert(f"{prefix}movies", {"collection_name": f"{prefix}gone"})
    assert (await index.ensure(MOVIES)).status is SchemaStatus.CREATED
    assert (await alias_target(typesense_client, f"{prefix}movies")).startswith(
        f"{prefix}movies_v1_"
    )


async def test_missing_collections_and_bad_queries_are_domain_errors(
    movies: TypesenseSearchIndex,
) -> None:
    with pytest.raises(SearchUnavailable):
        await movies.search("nothing", by_title("x"))
    with pytest.raises(SearchUnavailable):
        await movies.upsert("nothing", CATALOG)
    with pytest.raises(InvalidSearch):  # title is not sortable
        await movies.search("movies", by_title("x", sort_by=(Sort("title"),)))
    with pytest.raises(InvalidSearch):  # year is a number
        await movies.search("movies", by_title("x", filter_by=Equals("year", "abc")))


def errors_counted(operation: str) -> float:
    value = REGISTRY.get_sample_value("revenge_search_errors_total", {"operation": operation})
    return value or 0.0


async def test_an_unreachable_server_fails_fast(prefix: str) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    index = TypesenseSearchIndex(f"http://127.0.0.1:{port}", "key", prefix=prefix)
    before = errors_counted("search")
    started = time.monotonic()
    try:
        assert not await index.healthy()
        with pytest.raises(SearchUnavailable):
            await index.search("movies", by_title("x"))
        with pytest.raises(SearchUnavailable):
            await index.ensure(MOVIES)
    finally:
        await index.close()
    assert time.monotonic() - started < 2.0
    assert errors_counted("search") == before + 1


async def test_a_reachable_server_is_healthy(index: TypesenseSearchIndex) -> None:
    assert await index.healthy()


async def test_a_server_that_never_answers_times_out(prefix: str) -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()  # accepts connections, never answers
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        index = TypesenseSearchIndex(url, "key", prefix=prefix, timeout_s=0.3)
        started = time.monotonic()
        try:
            with pytest.raises(SearchUnavailable):
                await index.search("movies", by_title("x"))
            assert not await index.healthy()
        finally:
            await index.close()
    assert time.monotonic() - started < 1.5
