"""The app's own wiring on real services: the start-up schema check queues a rebuild that the
worker's handlers run (dropping the cached search answers), account writes report to the
search follower, and readiness counts a stopped Typesense as degraded, not down."""

from __future__ import annotations

import asyncio
from pathlib import Path

import asyncpg
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from revenge_adapters.search import TypesenseSearchIndex
from revenge_adapters.search.pending import RedisPendingChanges
from revenge_app.embedded.typesense import TypesenseServer, start_typesense_async
from revenge_app.features import registered, settled
from revenge_app.http import HttpDeps, StartupState, create_app
from revenge_app.registry import resolved
from revenge_app.search.background import check_search_schemas
from revenge_app.server import readiness_checks
from revenge_domain.ports.catalog_changes import Entity
from revenge_domain.search import SearchQuery
from revenge_domain.search.reindexing import EVERY_COLLECTION, RebuildSearch
from tests.integration.app_server import app_config, app_server, root_container, signed_up


async def live_movies(pg_url: str) -> int:
    db = await asyncpg.connect(pg_url)
    try:
        return int(await db.fetchval("SELECT count(*) FROM movie.movies WHERE deleted_at IS NULL"))
    finally:
        await db.close()


async def test_on_start_new_collections_are_rebuilt_by_the_worker(
    pg_url: str,
    redis_url: str,
    key_prefix: str,
    typesense: TypesenseServer,
    engine: object,
    tmp_path: Path,
) -> None:
    config = app_config(pg_url, redis_url, key_prefix, tmp_path / "data", search=typesense)
    try:
        async with app_server(config, run_jobs=False) as server:
            container, queue = server.container, server.queue
            index = await resolved(container.search.index())
            assert index is not None
            stale = await check_search_schemas(index, await resolved(container.search.queue()))
            assert stale == EVERY_COLLECTION
            assert queue.enqueued == [RebuildSearch(EVERY_COLLECTION)]

            answers = await resolved(container.core.catalog_cache())
            await answers.set("search:movies:cached", {"hits": []}, 30.0)
            handler = server.features.jobs.get(RebuildSearch.kind)
            assert handler is not None
            await handler(queue.enqueued[0])
            assert await answers.get("search:movies:cached") is None

            movies = await index.search("movies", SearchQuery(query_by=("title",), per_page=1))
            assert movies.found == await live_movies(pg_url)

            assert (await resolved(container.search.services())).reindex is not None
            pending = RedisPendingChanges(await resolved(container.core.redis()), key_prefix)
            waiting = await pending.waiting(Entity.USER)
            await signed_up(server)
            assert await pending.waiting(Entity.USER) == waiting + 1
    finally:
        prefix = config.search.collection_prefix
        index = TypesenseSearchIndex(typesense.url, typesense.api_key, prefix=prefix)
        await index.drop_all()
        await index.close()


async def test_readiness_with_typesense_stopped_is_degraded_not_down(
    pg_url: str, redis_url: str, key_prefix: str, tmp_path: Path
) -> None:
    server = await start_typesense_async(tmp_path / "typesense")
    config = app_config(pg_url, redis_url, key_prefix, tmp_path / "data", search=server)
    container = root_container(config)
    await settled(container.init_resources())
    try:
        startup = StartupState()
        startup.complete()
        deps = HttpDeps(readiness=await readiness_checks(container), startup=startup)
        app = create_app(config, deps, await registered(container))
        client: TestClient[web.Request, web.Application]
        async with TestClient(TestServer(app)) as client:
            up = await client.get("/readyz")
            assert (up.status, (await up.json())["status"]) == (200, "healthy")

            server.process.kill()
            await asyncio.to_thread(server.process.wait)
            down = await client.get("/readyz")
            body = await down.json()
            assert (down.status, body["status"]) == (200, "degraded")
            checks = body["details"]["checks"]
            assert checks["search"]["status"] == "degraded"
            assert (checks["database"]["status"], checks["cache"]["status"]) == (
                "healthy",
                "healthy",
            )
    finally:
        server.stop()
        await settled(container.shutdown_resources())
