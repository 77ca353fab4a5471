"""The search endpoints over real PostgreSQL, Redis and Typesense: typos, the library filter in
every endpoint (facets and totals included), client filters that cannot widen it, the cache."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from revenge_adapters.search import TypesenseSearchIndex
from revenge_app.config import Config
from revenge_domain.ports.catalog_changes import Entity
from revenge_domain.search.library_search import forget_results
from tests.integration.app_server import Account, signed_up
from tests.integration.movies.catalog import grant_view
from tests.integration.search.shelves import (
    Catalogue,
    SearchApp,
    credit_again,
    index_catalogue,
    search_server,
    write_catalogue,
)

SEARCH = "/api/v1/search"


@pytest.fixture
async def catalogue(engine: AsyncEngine, pg_url: str, index: TypesenseSearchIndex) -> Catalogue:
    connection = await asyncpg.connect(pg_url)
    try:
        written = await write_catalogue(connection)
    finally:
        await connection.close()
    await index_catalogue(index, engine, written)
    return written


@pytest.fixture
async def app(config: Config, index: TypesenseSearchIndex) -> AsyncIterator[SearchApp]:
    async with search_server(config, index) as running:
        yield running


async def viewer(app: SearchApp, catalogue: Catalogue, *libraries: str) -> Account:
    """A user who may read the named libraries only (after an admin exists)."""
    await signed_up(app.server, admin=True)
    account = await signed_up(app.server)
    connection = await asyncpg.connect(app.server.pg_url)
    try:
        for name in libraries:
            await grant_view(connection, catalogue.libraries[name], account.user_id)
    finally:
        await connection.close()
    return account


async def get(app: SearchApp, account: Account, path: str, **params: Any) -> Any:
    response = await app.server.client.get(
        f"{SEARCH}{path}", params=params, headers=account.headers
    )
    assert response.status == 200, await response.text()
    assert response.headers["X-Search-Backend"] == "typesense"
    return await response.json()


def names(group: dict[str, Any]) -> list[str]:
    return [h["document"].get("title") or h["document"].get("name") for h in group["hits"]]


async def test_typos_find_titles_and_people_through_every_endpoint(
    app: SearchApp, catalogue: Catalogue
) -> None:
    tag = catalogue.tag
    account = await viewer(app, catalogue, "open", "tv")

    movies = await get(app, account, "/movies", q=f"spidrman {tag}")
    assert names(movies)[0] == f"Spider-Man {tag}"
    assert movies["current_page"] == 1
    assert movies["search_time_ms"] >= 0
    assert "genres" in movies["facets"]

    shows = await get(app, account, "/tvshows", q=f"spidr tales {tag}")
    assert names(shows) == [f"Spider Tales {tag}"]

    suggested = await get(app, account, "/movies/autocomplete", q="spidrm", limit=20)
    assert f"Spider-Man {tag}" in suggested["suggestions"]
    suggested = await get(app, account, "/tvshows/autocomplete", q="spidr tal")
    assert suggested["suggestions"] == [f"Spider Tales {tag}"]

    multi = await get(app, account, "/multi", q=f"tobey magire {tag}")
    assert names(multi["people"]) == [f"Tobey Maguire {tag}"]
    assert "people" in {hit["collection"] for hit in multi["top"]}

    multi = await get(app, account, "/multi", q=f"spidrman {tag}", limit=3)
    assert names(multi["movies"])[0] == f"Spider-Man {tag}"
    assert len(multi["top"]) == 3
    assert multi["top"][0]["document"]["title"].startswith("Spider")
    assert set(multi) == {"movies", "tvshows", "episodes", "seasons", "people", "top"}


async def test_a_user_finds_nothing_of_a_library_they_may_not_read(
    app: SearchApp, catalogue: Catalogue
) -> None:
    tag = catalogue.tag
    account = await viewer(app, catalogue, "open", "tv")

    movies = await get(app, account, "/movies", q=tag, per_page=1)
    assert (movies["total_hits"], movies["total_pages"]) == (2, 2)
    assert movies["facets"]["genres"] == [{"value": "Action", "count": 2}]
    assert {v["value"] for v in movies["facets"]["year"]} == {"2002", "2004"}

    facets = await get(app, account, "/movies/facets")
    assert "Noir" not in {v["value"] for v in facets["genres"]}
    assert "2020" not in {v["value"] for v in facets["years"]}

    answers = [
        await get(app, account, path, q=f"{q} {tag}", **extra)
        for path, q, extra in [
            ("/movies", "noir", {}),
            ("/movies", "spider", {"per_page": 100}),
            ("/tvshows", "secrets", {}),
            ("/tvshows", "spider", {"per_page": 100}),
            ("/multi", "noir", {}),
            ("/multi", "spider", {"limit": 20}),
            ("/multi", "nicolas cage", {}),
            ("/movies/autocomplete", "spider", {"limit": 20}),
            ("/tvshows/autocomplete", "spider", {"limit": 20}),
        ]
    ]
    text = str(answers)
    assert all(word not in text for word in ("Noir", "Secrets", "Nicolas")), text
    assert answers[5]["seasons"]["total_hits"] == 1
    assert answers[5]["episodes"]["total_hits"] == 1
    assert answers[3]["total_hits"] == 1

    nobody = await signed_up(app.server)
    empty = await get(app, nobody, "/movies", q=f"spider {tag}")
    assert (empty["hits"], empty["total_hits"]) == ([], 0)
    assert all(v == [] for v in (await get(app, nobody, "/tvshows/facets")).values())


async def test_client_filters_are_checked_and_cannot_widen_the_library_filter(
    app: SearchApp, catalogue: Catalogue
) -> None:
    tag, secret = catalogue.tag, str(catalogue.libraries["secret"])
    account = await viewer(app, catalogue, "open")
    for bad, field in [
        (f"library_id:={secret}", "library_id"),
        (f"year:>0 || library_id:={secret}", "library_id"),
        (f"(genres:=Noir) || (library_id:=[{secret}])", "library_id"),
        ("nope:=1", "nope"),
        ("year:=soon", "year"),
    ]:
        response = await app.server.client.get(
            f"{SEARCH}/movies", params={"q": tag, "filter_by": bad}, headers=account.headers
        )
        assert response.status == 400, bad
        body = await response.json()
        assert body["details"]["name"] == field
        assert field in body["message"]

    for sneaky in [
        "year:>0 || year:<0",
        f"genres:=`Noir) || (library_id:={secret}`",
        "(genres:=Noir || genres:=Action) && year:>0",
    ]:
        body = await get(app, account, "/movies", q=tag, filter_by=sneaky)
        assert f"Spider-Man Noir {tag}" not in names(body), sneaky

    narrowed = await get(app, account, "/movies", q=tag, filter_by="year:>=2003")
    assert names(narrowed) == [f"Spider-Man 2 {tag}"]
    ordered = await get(app, account, "/movies", q=tag, sort_by="year:asc")
    assert names(ordered) == [f"Spider-Man {tag}", f"Spider-Man 2 {tag}"]
    response = await app.server.client.get(
        f"{SEARCH}/movies", params={"q": tag, "sort_by": "overview:asc"}, headers=account.headers
    )
    assert response.status == 400
    assert (await response.json())["details"]["name"] == "overview"
    response = await app.server.client.get(
        f"{SEARCH}/movies/autocomplete", params={"q": "x", "limit": "21"}, headers=account.headers
    )
    assert response.status == 400


async def test_answers_are_cached_until_a_reindex_forgets_them(
    app: SearchApp, catalogue: Catalogue, index: TypesenseSearchIndex
) -> None:
    tag = catalogue.tag
    account = await viewer(app, catalogue, "open")
    first = await get(app, account, "/movies", q=f"spider {tag}")
    await index.delete("movies", [str(catalogue.ids[Entity.MOVIE][0])])

    assert await get(app, account, "/movies", q=f"spider {tag}") == first
    await forget_results(app.cache, ["movies"])
    after = await get(app, account, "/movies", q=f"spider {tag}")
    assert after["total_hits"] == first["total_hits"] - 1


MOVIE_SORTS = ("popularity", "vote_average", "release_date", "library_added_at", "title")
TVSHOW_SORTS = ("popularity", "vote_average", "first_air_date", "title")


async def test_every_sort_of_the_contract_is_accepted_and_titles_sort_by_name(
    app: SearchApp, catalogue: Catalogue
) -> None:
    tag = catalogue.tag
    account = await viewer(app, catalogue, "open", "secret", "tv", "secret_tv")
    for path, fields, total in [("/movies", MOVIE_SORTS, 3), ("/tvshows", TVSHOW_SORTS, 2)]:
        found = names(await get(app, account, path, q=tag))
        for field in fields:
            for direction in ("asc", "desc"):
                body = await get(app, account, path, q=tag, sort_by=f"{field}:{direction}")
                assert body["total_hits"] == total, (path, field, direction)

        ascending = await get(app, account, path, q=tag, sort_by="title:asc")
        descending = await get(app, account, path, q=tag, sort_by="title:desc")
        assert names(ascending) == sorted(found, key=str.lower)  # the engine ignores case
        assert names(descending) == sorted(found, key=str.lower, reverse=True)


async def test_a_person_shows_and_is_found_through_readable_libraries_only(
    app: SearchApp, catalogue: Catalogue, engine: AsyncEngine, index: TypesenseSearchIndex
) -> None:
    tag, secret = catalogue.tag, str(catalogue.libraries["secret"])
    tobey, noir = catalogue.ids[Entity.PERSON][0], catalogue.ids[Entity.MOVIE][2]
    connection = await asyncpg.connect(app.server.pg_url)
    try:
        await credit_again(connection, noir, tobey, "Detective Parker")
    finally:
        await connection.close()
    await index_catalogue(index, engine, catalogue)
    reader = await viewer(app, catalogue, "open")
    both = await viewer(app, catalogue, "open", "secret")

    multi = await get(app, reader, "/multi", q=f"tobey {tag}")
    person = multi["people"]["hits"][0]["document"]
    assert person["known_for"] == [f"Spider-Man {tag}"]
    assert person["characters"] == ["Hero"]
    assert person["library_ids"] == [str(catalogue.libraries["open"])]
    assert all(word not in str(multi) for word in ("Noir", "Detective", secret)), multi
    for q in ("noir", "detective"):
        assert (await get(app, reader, "/multi", q=q))["people"]["total_hits"] == 0, q

    person = (await get(app, both, "/multi", q=f"tobey {tag}"))["people"]["hits"][0]["document"]
    assert sorted(person["known_for"]) == sorted([f"Spider-Man {tag}", f"Spider-Man Noir {tag}"])
    assert sorted(person["characters"]) == ["Detective Parker", "Hero"]
