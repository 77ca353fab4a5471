"""When Typesense is down, or holds no collection, the search endpoints answer from PostgreSQL
(same shapes, `X-Search-Backend: postgres`, counted), and go back to Typesense once it is up."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from revenge_adapters.metrics import REGISTRY
from revenge_adapters.search import TypesenseSearchIndex
from revenge_adapters.search.fallback import TARGETS
from revenge_app.config import Config
from revenge_app.embedded.typesense import start_typesense_async
from revenge_domain.ports.catalog_changes import Entity
from revenge_domain.search.catalog import MOVIES, TVSHOWS, SearchCollection
from revenge_domain.search.library_query import client_fields
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
GROUPS = ("movies", "tvshows", "episodes", "seasons", "people")


@pytest.fixture
async def catalogue(pg_url: str) -> Catalogue:
    connection = await asyncpg.connect(pg_url)
    try:
        return await write_catalogue(connection)
    finally:
        await connection.close()


def fallbacks(collection: str) -> float:
    return (
        REGISTRY.get_sample_value("revenge_search_fallbacks_total", {"collection": collection})
        or 0.0
    )


async def viewer(app: SearchApp, catalogue: Catalogue) -> Account:
    await signed_up(app.server, admin=True)
    account = await signed_up(app.server)
    connection = await asyncpg.connect(app.server.pg_url)
    try:
        for name in ("open", "tv"):
            await grant_view(connection, catalogue.libraries[name], account.user_id)
    finally:
        await connection.close()
    return account


async def get(app: SearchApp, account: Account, path: str, **params: Any) -> tuple[str, Any]:
    response = await app.server.client.get(
        f"{SEARCH}{path}", params=params, headers=account.headers
    )
    assert response.status == 200, await response.text()
    return response.headers["X-Search-Backend"], await response.json()


def titles(group: dict[str, Any]) -> list[str]:
    return [h["document"].get("title") or h["document"].get("name") for h in group["hits"]]


def sortable(collection: SearchCollection) -> list[str]:
    fields = client_fields(collection)
    names = [field.name for field in collection.schema.fields]
    return [name for name in names if name not in fields.hidden and fields.sortable(name)]


def dead_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


async def test_a_dead_engine_leaves_every_endpoint_answering_from_the_database(
    config: Config, catalogue: Catalogue
) -> None:
    tag = catalogue.tag
    index = TypesenseSearchIndex(dead_url(), "key", prefix="dead_", timeout_s=0.5)
    async with search_server(config, index) as app:
        account = await viewer(app, catalogue)
        before = fallbacks("movies")

        backend, movies = await get(app, account, "/movies", q=f"Spider {tag}", per_page=1)
        assert backend == "postgres"
        assert titles(movies)[0] in (f"Spider-Man {tag}", f"Spider-Man 2 {tag}")
        assert (movies["total_hits"], movies["total_pages"], movies["current_page"]) == (2, 2, 1)
        assert movies["facets"]["genres"] == [{"value": "Action", "count": 2}]
        assert movies["facets"]["year"] == [
            {"value": "2002", "count": 1},
            {"value": "2004", "count": 1},
        ]
        assert movies["facets"]["has_file"] == [{"value": "false", "count": 2}]
        assert movies["hits"][0]["document"]["genres"] == ["Action"]
        assert fallbacks("movies") == before + 1

        _, narrowed = await get(app, account, "/movies", q=f"Spider {tag}", filter_by="year:<2003")
        assert (titles(narrowed), narrowed["total_hits"]) == ([f"Spider-Man {tag}"], 1)
        assert narrowed["facets"]["year"] == [{"value": "2002", "count": 1}]
        _, faceted = await get(app, account, "/movies", q=f"Spider {tag}", facet_by="status")
        assert faceted["facets"] == {"status": []}

        oldest, newest = f"Spider-Man {tag}", f"Spider-Man 2 {tag}"
        for sort_by, expected in [
            ("year:asc", [oldest, newest]),
            ("year:desc", [newest, oldest]),
            ("popularity:asc", [oldest, newest]),
            ("release_date:desc,year:asc", [oldest, newest]),
        ]:
            _, ordered = await get(app, account, "/movies", q=f"Spider {tag}", sort_by=sort_by)
            assert titles(ordered) == expected, sort_by
        _, second = await get(
            app, account, "/movies", q=f"Spider {tag}", sort_by="year:asc", per_page=1, page=2
        )
        assert titles(second) == [newest]
        for path, collection, q in [("/movies", MOVIES, "Spider"), ("/tvshows", TVSHOWS, "Tales")]:
            assert set(sortable(collection)) == set(TARGETS[collection.name].sorts)
            for field in sortable(collection):
                _, body = await get(app, account, path, q=f"{q} {tag}", sort_by=f"{field}:asc")
                assert body["total_hits"] in (1, 2), field

        backend, suggested = await get(app, account, "/tvshows/autocomplete", q="Spider T")
        assert (backend, suggested["suggestions"]) == ("postgres", [f"Spider Tales {tag}"])
        backend, facets = await get(app, account, "/movies/facets")
        assert backend == "postgres"
        assert {"value": "Action", "count": 2} in facets["genres"]
        assert "Noir" not in str(facets)
        assert {"value": "2004", "count": 1} in facets["years"]
        _, facets = await get(app, account, "/tvshows/facets")
        assert set(facets) == {"genres", "years", "status", "type", "networks", "has_file"}

        backend, multi = await get(app, account, "/multi", q=f"Spider {tag}", limit=10)
        assert backend == "postgres"
        assert set(titles(multi["movies"])) == {f"Spider-Man 2 {tag}", f"Spider-Man {tag}"}
        assert titles(multi["tvshows"]) == [f"Spider Tales {tag}"]
        assert titles(multi["episodes"]) == [f"Spider Tales {tag} Pilot"]
        assert multi["seasons"]["total_hits"] == 1
        assert "Noir" not in str(multi)
        assert "Secrets" not in str(multi)
        _, people = await get(app, account, "/multi", q=f"Maguire {tag}")
        assert titles(people["people"]) == [f"Tobey Maguire {tag}"]
        # No readable person holds both words; one holding the tag is shown, as the engine
        # shows what holds fewer words when nothing holds them all.
        _, hidden = await get(app, account, "/multi", q=f"{tag} Cage")
        assert titles(hidden["people"]) == [f"Tobey Maguire {tag}"]
        assert "Cage" not in str(hidden)
    await index.close()


async def test_from_the_database_a_person_shows_titles_of_readable_libraries_only(
    config: Config, pg_url: str, catalogue: Catalogue
) -> None:
    tag = catalogue.tag
    tobey, noir = catalogue.ids[Entity.PERSON][0], catalogue.ids[Entity.MOVIE][2]
    connection = await asyncpg.connect(pg_url)
    try:
        await credit_again(connection, noir, tobey, "Detective Parker")
    finally:
        await connection.close()
    index = TypesenseSearchIndex(dead_url(), "key", prefix="dead_", timeout_s=0.5)
    async with search_server(config, index) as app:
        account = await viewer(app, catalogue)
        backend, multi = await get(app, account, "/multi", q=f"Maguire {tag}")
        assert backend == "postgres"
        person = multi["people"]["hits"][0]["document"]
        assert (person["known_for"], person["characters"]) == ([f"Spider-Man {tag}"], ["Hero"])
        assert person["library_ids"] == [str(catalogue.libraries["open"])]
        assert "Noir" not in str(multi)
        assert "Detective" not in str(multi)
        _, matched = await get(app, account, "/multi", q="Detective Parker")
        assert matched["people"] == {"hits": [], "total_hits": 0}
    await index.close()


async def test_a_missing_collection_falls_back(
    config: Config, catalogue: Catalogue, index: TypesenseSearchIndex
) -> None:
    async with search_server(config, index) as app:
        account = await viewer(app, catalogue)
        backend, movies = await get(app, account, "/movies", q=f"Spider {catalogue.tag}")
        assert backend == "postgres"
        assert movies["total_hits"] == 2


async def test_killing_the_engine_switches_to_the_database_and_back(
    config: Config, engine: AsyncEngine, catalogue: Catalogue, tmp_path: Path
) -> None:
    server = await start_typesense_async(tmp_path)
    index = TypesenseSearchIndex(server.url, server.api_key, prefix="kill_", timeout_s=1.0)
    tag = catalogue.tag
    try:
        await index_catalogue(index, engine, catalogue)
        async with search_server(config, index) as app:
            account = await viewer(app, catalogue)
            backend, found = await get(app, account, "/movies", q=f"spidrman {tag}")
            assert (backend, titles(found)[0]) == ("typesense", f"Spider-Man {tag}")

            server.process.kill()
            await asyncio.to_thread(server.process.wait)
            backend, found = await get(app, account, "/movies", q=f"Spider-Man 2 {tag}")
            assert (backend, titles(found)[0]) == ("postgres", f"Spider-Man 2 {tag}")
            backend, _ = await get(app, account, "/multi", q=f"Spider {tag}")
            assert backend == "postgres"

            server = await start_typesense_async(tmp_path)
            backend, found = await wait_for_typesense(app, account, q=f"spidr tales {tag}")
            assert titles(found) == [f"Spider Tales {tag}"]
    finally:
        await index.close()
        server.stop()


async def wait_for_typesense(app: SearchApp, account: Account, q: str) -> tuple[str, Any]:
    """The restarted engine reloads its collections from disk; searches go back to it then."""
    for _ in range(100):
        backend, body = await get(app, account, "/tvshows", q=q)
        if backend == "typesense":
            return backend, body
        await asyncio.sleep(0.2)
    raise AssertionError("searches never went back to Typesense")
