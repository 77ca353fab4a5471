"""`seed` with a search engine leaves every search collection holding what it wrote, and says
so step by step."""

from __future__ import annotations

import io
import secrets
from pathlib import Path

import asyncpg

from revenge_adapters.search import TypesenseSearchIndex
from revenge_app.cli.migrate import Progress
from revenge_app.cli.seed import seed
from revenge_app.embedded.typesense import TypesenseServer
from revenge_domain.search.catalog import collection
from revenge_domain.search.query import SearchQuery
from tests.integration.seed.test_seed_pg import small_plan

COUNTS = {
    "movies": "SELECT count(*) FROM movie.movies",
    "tvshows": "SELECT count(*) FROM tvshow.series",
    "seasons": "SELECT count(*) FROM tvshow.seasons",
    "episodes": "SELECT count(*) FROM tvshow.episodes",
    "users": "SELECT count(*) FROM shared.users",
}


async def test_seed_indexes_what_it_wrote(
    empty_pg_url: str, tmp_path: Path, typesense: TypesenseServer
) -> None:
    index = TypesenseSearchIndex(
        typesense.url, typesense.api_key, prefix=f"t{secrets.token_hex(4)}_"
    )
    output = io.StringIO()
    try:
        await seed(empty_pg_url, small_plan(tmp_path), Progress(27, output), index=index)
        connection = await asyncpg.connect(empty_pg_url)
        try:
            expected = {name: await connection.fetchval(sql) for name, sql in COUNTS.items()}
            title = await connection.fetchval("SELECT title FROM movie.movies LIMIT 1")
        finally:
            await connection.close()
        for name, count in expected.items():
            probe = SearchQuery(q="*", query_by=collection(name).query_by[:1], per_page=1)
            assert (await index.search(name, probe)).found == count > 0, name
        found = await index.search("movies", SearchQuery(q=title, query_by=("title",), per_page=50))
        assert title in {hit.document["title"] for hit in found.hits}
        people = SearchQuery(q="*", query_by=("name",), per_page=1)
        assert (await index.search("people", people)).found > 0
    finally:
        await index.drop_all()
        await index.close()
    lines = output.getvalue().splitlines()
    assert any(f"search movies: {expected['movies']:,} documents" in line for line in lines)
    assert any("search episodes:" in line for line in lines)
