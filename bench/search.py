"""Search benchmark: the server's search endpoints on a seeded, indexed catalogue, next to the raw
Typesense client running the same queries.

In one run: seed a throwaway database, start a Typesense of its own, time the full reindex
(`revenge_domain.search.reindexing.rebuild`, what the reindex job runs), start `revenge serve`
against both, sign in as `seed_user_001` (a reader of some libraries, so every query carries the
library filter), then measure `/api/v1/search/multi` and `/api/v1/search/movies` with a fixed
list of typo'd queries built from the seeded titles and names, and the raw `typesense` client
sending the same engine requests the server sends. "uncached" rows give every request a query
not asked before (the server's 30 s result cache cannot help); "cached" rows repeat 40 queries.

    .venv/bin/python bench/search.py [--movies N --series N --episodes-per-series N]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
import time
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlencode

import aiohttp
import asyncpg
import typesense
from catalog import (
    USERNAME,
    Op,
    Stats,
    free_port,
    measure,
    process,
    sign_in,
    wait_ready,
    with_throwaway_services,
)

from revenge_adapters.postgres import create_engine, create_session_factory
from revenge_adapters.search import TypesenseSearchIndex
from revenge_adapters.search.documents import PgSearchDocuments
from revenge_adapters.search.typesense_syntax import search_params
from revenge_app.cli.seed import seed
from revenge_app.embedded.typesense import start_typesense
from revenge_app.seed import SeedPlan
from revenge_app.seed.writer import AlreadySeeded
from revenge_domain.movies.cached import readable_key
from revenge_domain.search.catalog import BY_NAME
from revenge_domain.search.library_query import ClientQuery, Scope, engine_query
from revenge_domain.search.library_search import MULTI
from revenge_domain.search.reindexing import rebuild

PREFIX = "bench_"
CACHED_QUERIES = 40
VARIANTS_PER_TITLE = 6


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="", help="default: a fresh throwaway database")
    parser.add_argument("--movies", type=int, default=50_000)
    parser.add_argument("--series", type=int, default=5_000)
    parser.add_argument("--episodes-per-series", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=5.0, help="per row and target")
    parser.add_argument("--warmup", type=float, default=1.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--titles", type=int, default=600, help="seeded titles/names to query")
    parser.add_argument("--redis-db", type=int, default=0)
    return parser.parse_args()


# --- queries ----------------------------------------------------------------------------------


def typo(text: str, variant: int) -> str:
    """`text` lower-cased with one edit in its longest word: a letter dropped, doubled or two
    letters swapped, at a place and of a kind chosen by `variant`."""
    words = text.lower().split()
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[longest]
    if len(word) < 4:
        return text.lower()
    at = 1 + variant % (len(word) - 2)
    kind = (variant // (len(word) - 2)) % 3
    if kind == 0:
        word = word[:at] + word[at + 1 :]
    elif kind == 1:
        word = word[:at] + word[at] + word[at:]
    else:
        word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    words[longest] = word
    return " ".join(words)


async def seeded_texts(url: str, count: int) -> list[str]:
    """Titles and names people look for: popular movies first, then series, then people."""
    conn = await asyncpg.connect(url)
    try:
        movies = await conn.fetch(
            "SELECT title FROM movie.movies ORDER BY popularity DESC, id LIMIT $1", count // 2
        )
        series = await conn.fetch(
            "SELECT title FROM tvshow.series ORDER BY popularity DESC, id LIMIT $1", count // 4
        )
        people = await conn.fetch(
            "SELECT name FROM shared.people ORDER BY popularity DESC, id LIMIT $1", count // 4
        )
    finally:
        await conn.close()
    return [row[0] for row in [*movies, *series, *people]]


def query_lists(texts: list[str]) -> tuple[list[str], list[str], list[str]]:
    """(a fixed list repeated for the cached rows, fresh queries to measure, fresh queries to
    warm up with); the fresh ones are all different."""
    variants = list(dict.fromkeys(typo(t, v) for v in range(VARIANTS_PER_TITLE) for t in texts))
    half = len(variants) // 2
    return variants[:CACHED_QUERIES], variants[:half], variants[half:]


async def readable_of(url: str) -> frozenset[Any]:
    conn = await asyncpg.connect(url)
    try:
        rows = await conn.fetch(
            "SELECT p.library_id FROM public.library_permissions p "
            "JOIN shared.users u ON u.id = p.user_id WHERE u.username = $1",
            USERNAME,
        )
    finally:
        await conn.close()
    return frozenset(row[0] for row in rows)


# --- the raw client: the engine requests the server sends -----------------------------------


def engine_movies(q: str, scope: Scope) -> dict[str, Any]:
    movies = BY_NAME["movies"]
    asked = ClientQuery.read(movies, q, 1, 20)
    return search_params(engine_query(movies, scope, asked))


def engine_multi(q: str, scope: Scope) -> dict[str, Any]:
    searches = []
    for name in MULTI:
        asked = ClientQuery(q, 1, 5)
        query = engine_query(BY_NAME[name], scope, asked)
        searches.append({"collection": f"{PREFIX}{name}", **search_params(query)})
    return {"searches": searches}


def raw_movies_op(client: typesense.AsyncClient, queries: list[str], scope: Scope) -> Op:
    params = [engine_movies(q, scope) for q in queries]
    documents = client.collections[f"{PREFIX}movies"].documents

    async def op(n: int) -> bool:
        await documents.search(cast(Any, params[n % len(params)]))
        return True

    return op


def raw_multi_op(client: typesense.AsyncClient, queries: list[str], scope: Scope) -> Op:
    bodies = [engine_multi(q, scope) for q in queries]

    async def op(n: int) -> bool:
        answer = await client.multi_search.perform(cast(Any, bodies[n % len(bodies)]))
        return all("error" not in result for result in answer["results"])

    return op


def ours_op(
    session: aiohttp.ClientSession, base: str, headers: dict[str, str], paths: list[str]
) -> Op:
    async def op(n: int) -> bool:
        async with session.get(base + paths[n % len(paths)], headers=headers) as response:
            await response.read()
            engine = response.headers.get("X-Search-Backend") == "typesense"
            return response.status == 200 and engine

    return op


def paths(endpoint: str, queries: list[str]) -> list[str]:
    extra = "&limit=5" if endpoint == "multi" else "&per_page=20"
    return [f"/api/v1/search/{endpoint}?{urlencode({'q': q})}{extra}" for q in queries]


# --- run --------------------------------------------------------------------------------------


async def reindex(url: str, search_url: str, api_key: str) -> tuple[float, dict[str, int]]:
    """Full reindex of every collection; seconds and documents per collection."""
    engine = create_engine(url, pool_size=2, max_overflow=0)
    index = TypesenseSearchIndex(search_url, api_key, prefix=PREFIX, write_timeout_s=120.0)
    try:
        began = time.monotonic()
        results = await rebuild(index, PgSearchDocuments(create_session_factory(engine)))
        took = time.monotonic() - began
    finally:
        await index.close()
        await engine.dispose()
    return took, {r.collection: r.imported for r in results}


async def run(args: argparse.Namespace, url: str, redis_url: str, prefix: str, work: Path) -> None:
    plan = SeedPlan(
        movies=args.movies,
        series=args.series,
        episodes_per_series=args.episodes_per_series,
        movie_root=work / "movies",
        tv_root=work / "tv",
    )
    began = time.monotonic()
    with contextlib.suppress(AlreadySeeded):
        await seed(url, plan)
    seeded_s = time.monotonic() - began
    engine_server = await asyncio.to_thread(start_typesense, work / "typesense")
    try:
        took, counts = await reindex(url, engine_server.url, engine_server.api_key)
        print(f"full reindex: {took:.1f} s for {counts}", flush=True)
        rows = await measure_all(args, url, redis_url, prefix, work, engine_server)
    finally:
        engine_server.stop()
    print(
        f"\nseeded {args.movies:,} movies, {args.series:,} series x "
        f"{args.episodes_per_series} episodes in {seeded_s:.0f} s; "
        f"full reindex of every collection {took:.1f} s ({sum(counts.values()):,} documents: "
        + ", ".join(f"{name} {n:,}" for name, n in counts.items())
        + ")"
    )
    print(
        f"{args.seconds:g} s per target, concurrency {args.concurrency}, "
        f"caller {USERNAME} (library filter on every query)"
    )
    print(table(rows))


async def measure_all(
    args: argparse.Namespace,
    url: str,
    redis_url: str,
    prefix: str,
    work: Path,
    engine_server: Any,
) -> list[tuple[str, Stats, Stats]]:
    readable = await readable_of(url)
    scope = Scope(readable, readable_key(readable))
    cached, fresh, warm = query_lists(await seeded_texts(url, args.titles))
    port = free_port()
    env = {
        "REVENGE_DATABASE_URL": url,
        "REVENGE_CACHE_URL": redis_url,
        "REVENGE_CACHE_KEY_PREFIX": prefix,
        "REVENGE_SEARCH_URL": engine_server.url,
        "REVENGE_SEARCH_API_KEY": engine_server.api_key,
        "REVENGE_SEARCH_COLLECTION_PREFIX": PREFIX,
        "REVENGE_JOBS_RUN_IN_SERVER": "false",
        "REVENGE_SERVER_HOST": "127.0.0.1",
        "REVENGE_SERVER_PORT": str(port),
        "REVENGE_SERVER_METRICS_PORT": str(free_port()),
        "REVENGE_DATA_DIR": str(work / "data"),
        "REVENGE_LOGGING_LEVEL": "warning",
    }
    revenge = str(Path(sys.executable).parent / "revenge")
    base = f"http://127.0.0.1:{port}"
    raw = typesense.AsyncClient(
        cast(Any, {"api_key": engine_server.api_key, "nodes": [engine_server.url]})
    )
    connector = aiohttp.TCPConnector(limit=args.concurrency)
    rows = []
    try:
        async with aiohttp.ClientSession(connector=connector) as session:
            with process([revenge, "serve"], env) as server:
                await wait_ready(session, f"{base}/readyz", server)
                headers = await sign_in(session, base)
                for endpoint, raw_of in (("multi", raw_multi_op), ("movies", raw_movies_op)):
                    for label, queries, warmup in (
                        ("uncached", fresh, warm),
                        ("cached", cached, cached),
                    ):
                        ours = ours_op(session, base, headers, paths(endpoint, queries))
                        warm_ours = ours_op(session, base, headers, paths(endpoint, warmup))
                        theirs = raw_of(raw, queries, scope)
                        await measure(warm_ours, args.warmup, args.concurrency)
                        ours_stats = await measure(ours, args.seconds, args.concurrency)
                        await measure(raw_of(raw, warmup, scope), args.warmup, args.concurrency)
                        raw_stats = await measure(theirs, args.seconds, args.concurrency)
                        if label == "uncached" and ours_stats.ops > len(queries):
                            print(f"note: {endpoint} uncached repeated queries", flush=True)
                        rows.append((f"{endpoint} ({label})", ours_stats, raw_stats))
                        print(f"measured {endpoint} ({label})", flush=True)
    finally:
        await raw.api_call.aclose()
    return rows


def table(rows: list[tuple[str, Stats, Stats]]) -> str:
    head = (
        f"{'endpoint':<20}{'target':<8}{'ops/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}"
        f"{'ops/s ours/raw':>16}{'p50 ours/raw':>14}{'p95 ours/raw':>14}"
    )
    lines = [head, "-" * len(head)]
    for name, ours, raw in rows:
        for label, stats in (("ours", ours), ("raw", raw)):
            line = (
                f"{name if label == 'ours' else '':<20}{label:<8}{stats.rate:>9.0f}"
                f"{stats.percentile(0.5):>9.2f}{stats.percentile(0.95):>9.2f}{stats.errors:>8}"
            )
            if label == "raw":
                line += (
                    f"{ours.rate / raw.rate:>16.2f}"
                    f"{ours.percentile(0.5) / raw.percentile(0.5):>14.2f}"
                    f"{ours.percentile(0.95) / raw.percentile(0.95):>14.2f}"
                )
            lines.append(line)
    return "\n".join(lines)


async def bench(args: argparse.Namespace) -> None:
    await with_throwaway_services(args, run, "search")


if __name__ == "__main__":
    asyncio.run(bench(parse_args()))
