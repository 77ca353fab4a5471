"""The app's own wiring on real services: the start-up schema check queues a rebuild that the
worker's handlers run (dropping the cached search answers), account writes report to the
search follower, and readiness counts a stopped Typesense as degraded, not down."""

from __future__ import annotations

import asyncio
import secrets
from pathlib import Path

import asyncpg
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from revenge_adapters.search import TypesenseSearchIndex
from revenge_adapters.search.pending import RedisPendingChanges
from revenge_app.config import CacheConfig, Config, SearchConfig
from revenge_app.container import Container
from revenge_app.embedded.stack import ServiceUrls
from revenge_app.embedded.typesense import TypesenseServer, start_typesense_async
from revenge_app.http import HttpDeps, StartupState, create_app
from revenge_app.jobs.handlers import build_handlers
from revenge_app.jobs.container import job_services, resolved
from revenge_app.search_startup import check_search_schemas
from revenge_app.server import readiness_checks
from revenge_domain.jobs import Job
from revenge_domain.ports.catalog_changes import Entity
from revenge_domain.search import SearchQuery
from revenge_domain.search.reindexing import EVERY_COLLECTION, RebuildSearch
from tests.unit.fakes.jobs import FakeDeadLetterStore


async def live_movies(pg_url: str) -> int:
    db = await asyncpg.connect(pg_url)
    try:
        return int(await db.fetchval("SELECT count(*) FROM movie.movies WHERE deleted_at IS NULL"))
    finally:
        await db.close()


class RecordingQueue:
    def __init__(self) -> None:
        self.jobs: list[Job] = []

    async def enqueue(self, job: Job, *, delay_s: float = 0) -> str:
        self.jobs.append(job)
        return "job-1"


async def test_on_start_new_collections_are_rebuilt_by_the_worker(
    pg_url: str,
    redis_url: str,
    key_prefix: str,
    typesense: TypesenseServer,
    engine: object,
    tmp_path: Path,
) -> None:
    prefix = f"t{secrets.token_hex(4)}_"
    config = Config(
        data_dir=tmp_path,
        cache=CacheConfig(key_prefix=key_prefix),
        search=SearchConfig(collection_prefix=prefix),
    )
    urls = ServiceUrls(pg_url, redis_url, typesense.url, typesense.api_key)
    container = Container(config=config, urls=urls)
    await container.init_resources()
    try:
        queue = RecordingQueue()
        platform = await resolved(container.jobs())
        container.jobs.override(type(platform)(queue, platform.dead_letters, platform.claims))
        assert await check_search_schemas(container) == EVERY_COLLECTION
        assert queue.jobs == [RebuildSearch(EVERY_COLLECTION)]
        container.jobs.reset_override()

        answers = await resolved(container.catalog_cache())
        await answers.set("search:movies:cached", {"hits": []}, 30.0)
        handlers = build_handlers(await job_services(container, FakeDeadLetterStore()))
        handler = handlers.get(RebuildSearch.kind)
        assert handler is not None
        await handler(queue.jobs[0])
        assert await answers.get("search:movies:cached") is None

        index = await resolved(container.search_index())
        assert index is not None
        movies = await index.search("movies", SearchQuery(query_by=("title",), per_page=1))
        assert movies.found == await live_movies(pg_url)

        use_cases = await resolved(container.use_cases())
        assert use_cases.search_reindex is not None
        assert use_cases.register is not None
        pending = RedisPendingChanges(await resolved(container.redis()), key_prefix)
        waiting = await pending.waiting(Entity.USER)
        name = f"u{secrets.token_hex(4)}"
        await use_cases.register(name, f"{name}@example.com", "a long password")
        assert await pending.waiting(Entity.USER) == waiting + 1
    finally:
        index = TypesenseSearchIndex(typesense.url, typesense.api_key, prefix=prefix)
        await index.drop_all()
        await index.close()
        await container.shutdown_resources()


async def test_readiness_with_typesense_stopped_is_degraded_not_down(
    pg_url: str, redis_url: str, key_prefix: str, tmp_path: Path
) -> None:
    server = await start_typesense_async(tmp_path / "typesense")
    config = Config(data_dir=tmp_path, cache=CacheConfig(key_prefix=key_prefix))
    urls = ServiceUrls(pg_url, redis_url, server.url, server.api_key)
    container = Container(config=config, urls=urls)
    await container.init_resources()
    try:
        startup = StartupState()
        startup.complete()
        deps = HttpDeps(readiness=await readiness_checks(container), startup=startup)
        client: TestClient[web.Request, web.Application]
        async with TestClient(TestServer(create_app(config, deps))) as client:
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
        await container.shutdown_resources()
