"""From the database, the multi-search of someone who may search users (an administrator)
answers its users group too: who may read a user does not depend on libraries."""

from __future__ import annotations

from revenge_adapters.search import TypesenseSearchIndex
from revenge_app.config import Config
from tests.integration.app_server import signed_up
from tests.integration.search.shelves import search_server
from tests.integration.search.test_search_fallback_http import dead_url, get, titles


async def test_an_admins_multi_search_finds_users_from_the_database(config: Config) -> None:
    index = TypesenseSearchIndex(dead_url(), "key", prefix="dead_", timeout_s=0.5)
    async with search_server(config, index) as app:
        admin = await signed_up(app.server, admin=True)

        backend, multi = await get(app, admin, "/multi", q=admin.name)

        assert backend == "postgres"
        assert [hit["document"]["username"] for hit in multi["users"]["hits"]] == [admin.name]
        assert titles(multi["movies"]) == []
