"""Search indexing benchmark: how long from a catalogue write to the document being searchable.

The production path end to end: a movie row is updated, the search follower is told (as every
catalogue writer does), the change waits in Redis, the indexing job runs on the job worker (the
real Taskiq streams, the app's handlers) and imports into a Typesense of its own; the clock stops
when a search finds the new title. Then a burst: 1,000 movies changed at once, timed until the
last is searchable, with the jobs and bulk imports it took.

    .venv/bin/python bench/search_indexing.py [--movies N --writes N]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import secrets
import shutil
import statistics
import tempfile
import time
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from uuid import UUID

import asyncpg
import attrs
import redis.asyncio as redis
from catalog import database, delete_keys

from revenge_adapters.jobs.handlers import JobHandlers
from revenge_adapters.jobs.queue import TaskiqJobQueue
from revenge_adapters.postgres import create_engine, create_session_factory
from revenge_adapters.postgres.migrate import upgrade
from revenge_adapters.search import TypesenseSearchIndex
from revenge_adapters.search.documents import PgSearchDocuments
from revenge_adapters.search.pending import RedisPendingChanges
from revenge_app.config import CacheConfig, Config
from revenge_app.embedded.typesense import start_typesense
from revenge_app.jobs.runtime import job_platform, run_worker
from revenge_app.search.jobs import register_search_jobs
from revenge_domain.ports.catalog_changes import Entity
from revenge_domain.search import Document, SearchQuery, UpsertResult
from revenge_domain.search.catalog import COLLECTIONS
from revenge_domain.search.indexing import IndexingSchedule, SearchFollower, SearchIndexing
from revenge_domain.search.reindexing import reindex_all

REDIS_URL = "redis://127.0.0.1:6379/0"
BURST = 1000


class CountingIndex(TypesenseSearchIndex):
    imports = 0

    async def upsert(self, collection: str, documents: Sequence[Document]) -> UpsertResult:
        self.imports += 1
        return await super().upsert(collection, documents)


@attrs.frozen
class Rig:
    db: asyncpg.Connection
    index: CountingIndex
    follower: SearchFollower
    movie_ids: list[UUID]
    library_id: UUID
    reindex_s: float


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--movies", type=int, default=5000, help="movies in the catalogue")
    parser.add_argument("--writes", type=int, default=20, help="single writes to time")
    return parser.parse_args()


async def fill(db: asyncpg.Connection, movies: int) -> tuple[UUID, list[UUID]]:
    library_id: UUID = await db.fetchval(
        "INSERT INTO public.libraries (name, type, paths) VALUES ('Bench', 'movie', '{/m}') "
        "RETURNING id"
    )
    rows = await db.fetch(
        "INSERT INTO movie.movies (library_id, title, year, popularity) "
        "SELECT $1, 'Film number ' || n, 1950 + n % 70, n % 100 "
        "FROM generate_series(1, $2) n RETURNING id",
        library_id,
        movies,
    )
    return library_id, [row["id"] for row in rows]


async def searchable(index: TypesenseSearchIndex, word: str, expected: int = 1) -> None:
    query = SearchQuery(q=word, query_by=("title",), num_typos=0, per_page=1)
    while True:
        if (await index.search("movies", query)).found >= expected:
            return
        await asyncio.sleep(0.01)


async def one_write(rig: Rig, movie_id: UUID) -> float:
    word = f"w{secrets.token_hex(6)}"
    await rig.db.execute("UPDATE movie.movies SET title = $1 WHERE id = $2", word, movie_id)
    started = time.monotonic()
    await rig.follower.changed(Entity.MOVIE, [movie_id])
    await asyncio.wait_for(searchable(rig.index, word), timeout=30)
    return time.monotonic() - started


async def burst(rig: Rig) -> tuple[float, int]:
    word = f"b{secrets.token_hex(6)}"
    ids = rig.movie_ids[:BURST]
    await rig.db.execute(
        "UPDATE movie.movies SET title = $1 || ' ' || id WHERE id = ANY($2)", word, ids
    )
    imports_before = rig.index.imports
    started = time.monotonic()
    for movie_id in ids:
        await rig.follower.changed(Entity.MOVIE, [movie_id])
    await asyncio.wait_for(searchable(rig.index, word, len(ids)), timeout=60)
    return time.monotonic() - started, rig.index.imports - imports_before


@contextlib.asynccontextmanager
async def rig(url: str, movies: int, search_url: str, api_key: str) -> AsyncIterator[Rig]:
    prefix = f"bench-{secrets.token_hex(4)}:"
    config = Config(cache=CacheConfig(key_prefix=prefix))
    await upgrade(url)
    engine = create_engine(url, pool_size=4)
    db = await asyncpg.connect(url)
    client = redis.from_url(REDIS_URL)
    index = CountingIndex(search_url, api_key, prefix="bench_")
    stop = asyncio.Event()
    try:
        library_id, ids = await fill(db, movies)
        sessions = create_session_factory(engine)
        documents = PgSearchDocuments(sessions)
        for searched in COLLECTIONS:
            await index.ensure(searched.schema)
        started = time.monotonic()
        await reindex_all(index, documents)
        reindex_s = time.monotonic() - started
        async with job_platform(config, REDIS_URL) as platform:
            queue: TaskiqJobQueue = platform.queue
            schedule = IndexingSchedule(RedisPendingChanges(client, prefix), queue)
            handlers = JobHandlers()
            register_search_jobs(handlers, SearchIndexing(index, documents, schedule))
            worker = asyncio.create_task(run_worker(config, REDIS_URL, stop, handlers=handlers))
            try:
                yield Rig(db, index, SearchFollower(schedule), ids, library_id, reindex_s)
            finally:
                stop.set()
                await worker
    finally:
        await index.close()
        await client.aclose()
        await db.close()
        await engine.dispose()
        await delete_keys(REDIS_URL, prefix)


async def main() -> None:
    args = parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="revenge-bench-ts-"))
    server = start_typesense(data_dir)
    try:
        async with database("") as url, rig(url, args.movies, server.url, server.api_key) as r:
            await asyncio.sleep(1.0)  # the worker's streams are read
            took = []
            for n in range(args.writes):
                took.append(await one_write(r, r.movie_ids[n]))
                await asyncio.sleep(0.6)  # each write opens a window of its own
            burst_s, imports = await burst(r)
            reindex_s = r.reindex_s
    finally:
        server.stop()
        shutil.rmtree(data_dir, ignore_errors=True)
    ordered = sorted(took)
    print(f"catalogue: {args.movies:,} movies; {args.writes} single writes")
    print(f"full reindex of every collection: {reindex_s:.2f} s")
    print(
        "write-to-searchable: "
        f"p50 {statistics.median(ordered):.2f} s, "
        f"p95 {ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]:.2f} s, "
        f"min {ordered[0]:.2f} s, max {ordered[-1]:.2f} s"
    )
    print(f"burst of {BURST:,} changes: all searchable after {burst_s:.2f} s, {imports} imports")


if __name__ == "__main__":
    asyncio.run(main())
