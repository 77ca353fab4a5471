"""Title search benchmark: `/api/v1/movies/search` on PostgreSQL, this tree next to an earlier one.

In one run, on one seeded catalogue (default 10,000 movies): `revenge serve` of this tree times
exact, typo'd and prefix queries made from the seeded titles (every request a query not asked
before, so the answer cache cannot help); then, given `--before PATH` (a checkout of an earlier
commit, e.g. `git archive <commit> | tar -x -C PATH`), the database is migrated down to that
tree's head and a server of that tree is timed on the same queries; then this tree again (rounds
alternate, `--rounds`). It prints p50/p95 per kind and round, and `EXPLAIN ANALYZE` of the
adapter's statement for one typo'd query on each tree.

    .venv/bin/python bench/title_search.py --before /tmp/revenge_before
    .venv/bin/python bench/title_search.py --movies 1000 --requests 20   # quick look
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

import aiohttp
import asyncpg
from catalog import (
    USERNAME,
    Op,
    Stats,
    captured,
    free_port,
    process,
    sign_in,
    wait_ready,
    with_throwaway_services,
)
from search import readable_of, typo

from revenge_adapters.movies.search import PgMovieSearch
from revenge_adapters.postgres import create_engine, create_session_factory, migrate
from revenge_app.cli.seed import seed
from revenge_app.seed import SeedPlan
from revenge_app.seed.writer import AlreadySeeded

KINDS = ("exact", "typo", "prefix")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="", help="default: a fresh throwaway database")
    parser.add_argument("--movies", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=60, help="per kind, tree and round")
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2, help="rounds of this tree")
    parser.add_argument("--before", default="", help="an earlier tree to time as well")
    parser.add_argument("--redis-db", type=int, default=0)
    parser.add_argument("--explain", nargs=2, help=argparse.SUPPRESS)
    return parser.parse_args()


def prefix(title: str) -> str:
    """The title as typed halfway through its last word (at least 3 letters of it)."""
    words = title.split()
    last = words[-1]
    return " ".join([*words[:-1], last[: max(3, len(last) // 2)]])


async def query_lists(url: str) -> dict[str, list[str]]:
    """Per kind, distinct queries made from the seeded titles."""
    conn = await asyncpg.connect(url)
    try:
        rows = await conn.fetch("SELECT DISTINCT title FROM movie.movies ORDER BY title")
    finally:
        await conn.close()
    titles = [row[0] for row in rows]
    makers: dict[str, Callable[[str], str]] = {
        "exact": str,
        "typo": lambda t: typo(t, len(t)),
        "prefix": prefix,
    }
    return {kind: list(dict.fromkeys(make(t) for t in titles)) for kind, make in makers.items()}


def search_op(
    session: aiohttp.ClientSession, base: str, headers: dict[str, str], queries: list[str]
) -> Op:
    async def op(n: int) -> bool:
        path = f"/api/v1/movies/search?{urlencode({'query': queries[n], 'limit': 20})}"
        async with session.get(base + path, headers=headers) as response:
            await response.read()
            return response.status == 200

    return op


async def timed(
    env: dict[str, str], queries: dict[str, list[str]], start: int, count: int, concurrency: int
) -> dict[str, Stats]:
    """A server with `env`; each kind timed on `count` queries from `start`, one request each."""
    base = f"http://127.0.0.1:{env['REVENGE_SERVER_PORT']}"
    revenge = str(Path(sys.executable).parent / "revenge")
    found = {}
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:
        with process([revenge, "serve"], env) as server:
            await wait_ready(session, f"{base}/readyz", server)
            headers = await sign_in(session, base)
            for kind in KINDS:
                chosen = queries[kind][start : start + count]
                op = search_op(session, base, headers, chosen)
                found[kind] = await measure_count(op, len(chosen), concurrency)
    return found


async def measure_count(op: Op, count: int, concurrency: int) -> Stats:
    """`op` run exactly `count` times (each index once) at `concurrency`."""
    pending = iter(range(count))
    latencies: list[float] = []
    errors = 0
    loop = asyncio.get_running_loop()
    began = loop.time()

    async def worker() -> None:
        nonlocal errors
        for n in pending:
            start = loop.time()
            errors += not await op(n)
            latencies.append((loop.time() - start) * 1000)

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return Stats(len(latencies), errors, loop.time() - began, latencies)


async def explain(url: str, readable_json: str, query: str) -> str:
    """EXPLAIN ANALYZE of the statements the importable `PgMovieSearch` runs for `query`."""
    readable = frozenset(UUID(i) for i in json.loads(readable_json))
    engine = create_engine(url, pool_size=1, max_overflow=0)
    try:
        search = PgMovieSearch(create_session_factory(engine))
        async with captured(engine) as statements:
            await search.search(readable, query, 20, 0)
        await search.search(readable, query, 20, 0)
    finally:
        await engine.dispose()
    conn = await asyncpg.connect(url)
    try:
        plans = []
        for sql, params in statements:
            rows = await conn.fetch(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", *params)
            plans.append("\n".join(_short(row[0]) for row in rows))
    finally:
        await conn.close()
    return "\n\n".join(plans)


def _short(line: str, width: int = 240) -> str:
    """A plan line cut to `width` characters (the regular expressions of a filter are long)."""
    return line if len(line) <= width else line[:width] + f"... ({len(line)} characters)"


def explain_in(tree: str, url: str, readable: frozenset[Any], query: str) -> str:
    """`explain` run by the code of `tree` ('' for this one), in a process of its own."""
    env = {**os.environ, **python_path(tree)}
    readable_json = json.dumps(sorted(str(i) for i in readable))
    argv = [sys.executable, __file__, "--explain", url, readable_json]
    env["TITLE_QUERY"] = query
    return subprocess.run(argv, env=env, capture_output=True, text=True, check=True).stdout


def python_path(tree: str) -> dict[str, str]:
    if not tree:
        return {}
    return {"PYTHONPATH": f"{tree}/src{os.pathsep}{tree}/domain/src"}


def server_env(url: str, redis_url: str, prefix: str, work: Path, tree: str) -> dict[str, str]:
    return {
        "REVENGE_DATABASE_URL": url,
        "REVENGE_CACHE_URL": redis_url,
        "REVENGE_CACHE_KEY_PREFIX": prefix,
        "REVENGE_SEARCH_ENABLED": "false",
        "REVENGE_JOBS_RUN_IN_SERVER": "false",
        "REVENGE_SERVER_HOST": "127.0.0.1",
        "REVENGE_SERVER_PORT": str(free_port()),
        "REVENGE_SERVER_METRICS_PORT": str(free_port()),
        "REVENGE_DATA_DIR": str(work / "data"),
        "REVENGE_LOGGING_LEVEL": "warning",
        **python_path(tree),
    }


async def head_of(tree: str) -> str:
    versions = Path(tree) / "migrations" / "versions"
    return max(path.name.split("_")[0] for path in versions.glob("[0-9]*.py"))


async def run(args: argparse.Namespace, url: str, redis_url: str, prefix: str, work: Path) -> None:
    plan = SeedPlan(movies=args.movies, series=50, movie_root=work / "m", tv_root=work / "t")
    with contextlib.suppress(AlreadySeeded):
        await seed(url, plan)
    queries = await query_lists(url)
    readable = await readable_of(url)
    sample = queries["typo"][len(queries["typo"]) // 2]
    trees = [""] + ([args.before] if args.before else [])
    order = [tree for _ in range(args.rounds) for tree in trees]
    results: list[tuple[str, dict[str, Stats]]] = []
    plans: dict[str, str] = {}
    start = 0
    for tree in order:
        if tree:
            await migrate.downgrade(url, await head_of(tree))
        else:
            await migrate.upgrade(url)
        env = server_env(url, redis_url, prefix, work, tree)
        stats = await timed(env, queries, start, args.requests, args.concurrency)
        results.append((tree or "this tree", stats))
        start += args.requests
        plans.setdefault(tree or "this tree", explain_in(tree, url, readable, sample))
        print(f"measured {tree or 'this tree'}", flush=True)
    await migrate.upgrade(url)
    for name, plan_text in plans.items():
        print(f"\n--- EXPLAIN ANALYZE, {name}, query {sample!r}, caller {USERNAME}\n{plan_text}")
    print(f"\n{args.movies:,} movies; {args.requests} distinct queries per kind and round, "
          f"concurrency {args.concurrency}, caller {USERNAME}, limit 20")  # fmt: skip
    print(table(results))


def table(results: list[tuple[str, dict[str, Stats]]]) -> str:
    head = f"{'round':<8}{'tree':<34}{'kind':<8}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}"
    lines = [head, "-" * len(head)]
    for number, (name, stats) in enumerate(results, 1):
        for kind in KINDS:
            s = stats[kind]
            lines.append(
                f"{number:<8}{name[-33:]:<34}{kind:<8}{s.percentile(0.5):>9.1f}"
                f"{s.percentile(0.95):>9.1f}{s.errors:>8}"
            )
    return "\n".join(lines)


async def bench(args: argparse.Namespace) -> None:
    await with_throwaway_services(args, run, "titles")


def main() -> None:
    args = parse_args()
    if args.explain:
        url, readable_json = args.explain
        print(asyncio.run(explain(url, readable_json, os.environ["TITLE_QUERY"])))
        return
    asyncio.run(bench(args))


if __name__ == "__main__":
    main()
