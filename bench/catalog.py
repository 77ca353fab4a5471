"""Catalogue benchmark: the real server on a seeded database, next to two baselines.

For each endpoint, in one run: the server (`revenge serve` in a subprocess), a bare aiohttp
handler answering the same JSON bytes (another subprocess), and asyncpg running the very
statements the catalogue adapters execute for that request (captured from SQLAlchemy).

    .venv/bin/python bench/catalog.py [--movies N --series N --seconds S --concurrency C]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from pathlib import Path
from typing import Any
from uuid import UUID

import aiohttp
import asyncpg
import attrs
import redis.asyncio as redis
from aiohttp import web
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from revenge_adapters.movies import PgMovieCatalog, PgMovieWatchStore
from revenge_adapters.postgres import create_engine
from revenge_adapters.tvshows import PgTVCatalog
from revenge_app.cli.seed import DEMO_PASSWORD, seed
from revenge_app.seed import SeedPlan
from revenge_app.seed.writer import AlreadySeeded
from revenge_domain.movies import MovieOrder

ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
USERNAME = "seed_user_001"
PAGE = 50
Statement = tuple[str, tuple[Any, ...]]
Op = Callable[[int], Awaitable[bool]]


@attrs.frozen
class Stats:
    ops: int
    errors: int
    seconds: float
    latencies_ms: list[float]

    @property
    def rate(self) -> float:
        return self.ops / self.seconds

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] if ordered else float("nan")


@attrs.frozen
class Case:
    """One endpoint: the request paths and the captured SQL of each sampled id."""

    name: str
    paths: list[list[str]]
    sql: list[list[Statement]]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="", help="default: a fresh throwaway database")
    parser.add_argument("--movies", type=int, default=10_000)
    parser.add_argument("--series", type=int, default=1_000)
    parser.add_argument("--seconds", type=float, default=5.0, help="per endpoint and target")
    parser.add_argument("--warmup", type=float, default=1.0, help="seconds before each measure")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--sample", type=int, default=500, help="distinct ids per endpoint")
    parser.add_argument("--redis-db", type=int, default=0)
    parser.add_argument(
        "--cold", action="store_true", help="skip reading every sampled path once beforehand"
    )
    parser.add_argument("--serve-bare", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    return parser.parse_args()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# --- the bare baseline (runs in its own process) ---------------------------------------------


def serve_bare(bodies_file: str, port: int) -> None:
    bodies: dict[str, str] = json.loads(Path(bodies_file).read_text())
    encoded = {key: body.encode() for key, body in bodies.items()}

    async def answer(request: web.Request) -> web.Response:
        body = encoded[request.match_info["key"]]
        return web.Response(body=body, content_type="application/json")

    app = web.Application()
    app.router.add_get("/bare/{key}", answer)
    web.run_app(app, host="127.0.0.1", port=port, access_log=None, print=None)


# --- database, server and cleanup ------------------------------------------------------------


@contextlib.asynccontextmanager
async def database(given: str) -> AsyncIterator[str]:
    if given:
        yield given
        return
    name = f"revenge_bench_{secrets.token_hex(4)}"
    admin = await asyncpg.connect(ADMIN_URL)
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql://postgres@127.0.0.1:5432/{name}"
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()
        print(f"dropped database {name}")


@contextlib.contextmanager
def process(argv: Sequence[str], env: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    child = subprocess.Popen(argv, env={**os.environ, **env}, stdout=subprocess.DEVNULL)
    try:
        yield child
    finally:
        child.send_signal(signal.SIGTERM)
        try:
            child.wait(timeout=15)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


async def wait_ready(
    session: aiohttp.ClientSession, url: str, child: subprocess.Popen[bytes]
) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if child.poll() is not None:
            raise RuntimeError(f"{url}: process exited with {child.returncode}")
        with contextlib.suppress(aiohttp.ClientError):
            async with session.get(url) as response:
                if response.status == 200:
                    return
        await asyncio.sleep(0.1)
    raise RuntimeError(f"{url} not ready in 90 s")


async def delete_keys(url: str, prefix: str) -> None:
    client = redis.Redis.from_url(url)
    try:
        keys = [key async for key in client.scan_iter(match=f"{prefix}*", count=1000)]
        for start in range(0, len(keys), 500):
            await client.delete(*keys[start : start + 500])
        print(f"deleted {len(keys)} Redis keys under {prefix!r}")
    finally:
        await client.aclose()


# --- what the adapters execute, captured once per sampled id ----------------------------------


@contextlib.asynccontextmanager
async def captured(engine: AsyncEngine) -> AsyncIterator[list[Statement]]:
    statements: list[Statement] = []

    def keep(_conn: Any, _cursor: Any, sql: str, params: Any, *_: Any) -> None:
        statements.append((sql, tuple(params or ())))

    event.listen(engine.sync_engine, "before_cursor_execute", keep)
    try:
        yield statements
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", keep)


async def sql_of(engine: AsyncEngine, call: Callable[[], Awaitable[object]]) -> list[Statement]:
    async with captured(engine) as statements:
        await call()
    return list(statements)


async def build_cases(url: str, sample: int) -> list[Case]:
    engine = create_engine(url, pool_size=2, max_overflow=0)
    sessions = async_sessionmaker(engine, expire_on_commit=False)
    movies, watch, tv = PgMovieCatalog(sessions), PgMovieWatchStore(sessions), PgTVCatalog(sessions)
    try:
        async with engine.connect() as conn:
            user_id = (
                await conn.execute(
                    text("SELECT id FROM shared.users WHERE username = :u"), {"u": USERNAME}
                )
            ).scalar_one()
            readable = frozenset(
                (
                    await conn.execute(
                        text(
                            "SELECT library_id FROM public.library_permissions WHERE user_id = :u"
                        ),
                        {"u": user_id},
                    )
                ).scalars()
            )
            movie_ids = await _sample(conn, "movie.movies WHERE deleted_at IS NULL", sample)
            series_ids = await _sample(conn, "tvshow.series", sample)
        pages = range(min(sample, 20))
        return [
            Case(
                "movie list (page 50)",
                [[f"/api/v1/movies?limit={PAGE}&offset={PAGE * n}&order_by=added"] for n in pages],
                [
                    await sql_of(
                        engine,
                        lambda n=n: movies.movies(readable, MovieOrder.ADDED, PAGE, PAGE * n),
                    )
                    for n in pages
                ],
            ),
            Case(
                "movie detail",
                [[f"/api/v1/movies/{i}"] for i in movie_ids],
                [await sql_of(engine, lambda i=i: movies.movie(readable, i)) for i in movie_ids],
            ),
            Case(
                "tv show + seasons",
                [[f"/api/v1/tvshows/{i}", f"/api/v1/tvshows/{i}/seasons"] for i in series_ids],
                [await sql_of(engine, lambda i=i: _show(tv, readable, i)) for i in series_ids],
            ),
            Case(
                "continue watching",
                [["/api/v1/movies/continue-watching?limit=20"]],
                [await sql_of(engine, lambda: watch.continue_watching(user_id, readable, 20))],
            ),
        ]
    finally:
        await engine.dispose()


async def _show(tv: PgTVCatalog, readable: frozenset[UUID], series_id: UUID) -> None:
    await tv.series(readable, series_id)
    await tv.seasons(readable, series_id)


async def _sample(conn: Any, table: str, size: int) -> list[UUID]:
    sql = f"SELECT id FROM {table} ORDER BY random() LIMIT :n"
    return list((await conn.execute(text(sql), {"n": size})).scalars())


# --- load -----------------------------------------------------------------------------------


async def measure(op: Op, seconds: float, concurrency: int) -> Stats:
    latencies: list[float] = []
    errors = 0
    counter = iter(range(sys.maxsize))
    deadline = time.monotonic() + seconds

    async def worker() -> None:
        nonlocal errors
        while time.monotonic() < deadline:
            began = time.perf_counter()
            ok = await op(next(counter))
            latencies.append((time.perf_counter() - began) * 1000)
            errors += not ok

    began = time.monotonic()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return Stats(len(latencies), errors, time.monotonic() - began, latencies)


def http_op(
    session: aiohttp.ClientSession, base: str, paths: list[list[str]], headers: dict[str, str]
) -> Op:
    async def op(n: int) -> bool:
        ok = True
        for path in paths[n % len(paths)]:
            async with session.get(base + path, headers=headers) as response:
                await response.read()
                ok = ok and response.status == 200
        return ok

    return op


def sql_op(pool: asyncpg.Pool, statements: list[list[Statement]]) -> Op:
    async def op(n: int) -> bool:
        async with pool.acquire() as conn:
            for sql, params in statements[n % len(statements)]:
                await conn.fetch(sql, *params)
        return True

    return op


async def warm(
    session: aiohttp.ClientSession,
    base: str,
    cases: list[Case],
    headers: dict[str, str],
    concurrency: int,
) -> None:
    """Every sampled request once, so the server is measured in its steady state (answers
    cached) rather than on how many first reads fit into the measured seconds."""
    pending = [path for case in cases for paths in case.paths for path in paths]

    async def worker() -> None:
        while pending:
            async with session.get(base + pending.pop(), headers=headers) as response:
                await response.read()
                response.raise_for_status()

    await asyncio.gather(*(worker() for _ in range(concurrency)))


async def sign_in(session: aiohttp.ClientSession, base: str) -> dict[str, str]:
    body = {"username": USERNAME, "password": DEMO_PASSWORD}
    async with session.post(f"{base}/api/v1/auth/login", json=body) as response:
        response.raise_for_status()
        token = (await response.json())["access_token"]
    return {"Authorization": f"Bearer {token}"}


async def bare_bodies(
    session: aiohttp.ClientSession, base: str, headers: dict[str, str], cases: list[Case]
) -> dict[str, str]:
    """The server's own first answer for each case, to be served verbatim by the bare handler."""
    bodies: dict[str, str] = {}
    for c, case in enumerate(cases):
        for p, path in enumerate(case.paths[0]):
            async with session.get(base + path, headers=headers) as response:
                response.raise_for_status()
                bodies[f"{c}-{p}"] = await response.text()
    return bodies


# --- report ---------------------------------------------------------------------------------


def table(rows: list[tuple[str, Stats, Stats, Stats]]) -> str:
    head = (
        f"{'endpoint':<22}{'target':<8}{'ops/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}"
        f"{'ops/s ratio':>13}{'p50 ratio':>11}{'p99 ratio':>11}"
    )
    lines = [head, "-" * len(head)]
    for name, ours, bare, sql in rows:
        for label, stats in (("ours", ours), ("bare", bare), ("asyncpg", sql)):
            line = (
                f"{name if label == 'ours' else '':<22}{label:<8}{stats.rate:>9.0f}"
                f"{stats.percentile(0.5):>9.2f}{stats.percentile(0.99):>9.2f}{stats.errors:>8}"
            )
            if label != "ours":
                line += (
                    f"{ours.rate / stats.rate:>13.2f}"
                    f"{ours.percentile(0.5) / stats.percentile(0.5):>11.2f}"
                    f"{ours.percentile(0.99) / stats.percentile(0.99):>11.2f}"
                )
            lines.append(line)
    return "\n".join(lines)


Run = Callable[[argparse.Namespace, str, str, str, Path], Awaitable[None]]


async def with_throwaway_services(args: argparse.Namespace, run: Run, name: str) -> None:
    """`run(args, database_url, redis_url, key_prefix, workdir)` over a throwaway database, Redis
    key prefix and directory, all removed afterwards."""
    prefix = f"revenge_bench_{secrets.token_hex(4)}:"
    redis_url = f"redis://127.0.0.1:6379/{args.redis_db}"
    workdir = Path(tempfile.mkdtemp(prefix=f"revenge_bench_{name}_"))
    try:
        async with database(args.database_url) as url:
            await run(args, url, redis_url, prefix, workdir)
    finally:
        await delete_keys(redis_url, prefix)
        shutil.rmtree(workdir, ignore_errors=True)


async def bench(args: argparse.Namespace) -> None:
    await with_throwaway_services(args, run, "catalog")


async def run(
    args: argparse.Namespace, url: str, redis_url: str, prefix: str, workdir: Path
) -> None:
    plan = SeedPlan(
        movies=args.movies,
        series=args.series,
        movie_root=workdir / "movies",
        tv_root=workdir / "tv",
    )
    with contextlib.suppress(AlreadySeeded):
        await seed(url, plan)
    cases = await build_cases(url, args.sample)
    port, bare_port = free_port(), free_port()
    env = {
        "REVENGE_DATABASE_URL": url,
        "REVENGE_CACHE_URL": redis_url,
        "REVENGE_CACHE_KEY_PREFIX": prefix,
        "REVENGE_SEARCH_ENABLED": "false",
        "REVENGE_JOBS_RUN_IN_SERVER": "false",
        "REVENGE_SERVER_HOST": "127.0.0.1",
        "REVENGE_SERVER_PORT": str(port),
        "REVENGE_SERVER_METRICS_PORT": str(free_port()),
        "REVENGE_DATA_DIR": str(workdir / "data"),
        "REVENGE_LOGGING_LEVEL": "warning",
    }
    revenge = str(Path(sys.executable).parent / "revenge")
    base, bare_base = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{bare_port}"
    connector = aiohttp.TCPConnector(limit=args.concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:
        with process([revenge, "serve"], env) as server:
            await wait_ready(session, f"{base}/readyz", server)
            headers = await sign_in(session, base)
            if not args.cold:
                await warm(session, base, cases, headers, args.concurrency)
            bodies_file = workdir / "bodies.json"
            bodies_file.write_text(json.dumps(await bare_bodies(session, base, headers, cases)))
            bare_argv = [sys.executable, __file__, "--serve-bare", str(bodies_file)]
            with process([*bare_argv, "--port", str(bare_port)], {}) as bare:
                await wait_ready(session, f"{bare_base}/bare/0-0", bare)
                pool = await asyncpg.create_pool(
                    url, min_size=args.concurrency, max_size=args.concurrency
                )
                try:
                    rows = await measure_cases(args, session, pool, cases, base, bare_base, headers)
                finally:
                    await pool.close()
    print(
        f"\n{args.seconds:g} s per target, concurrency {args.concurrency}, {args.movies} movies, "
        f"{args.series} series; one op = every request/statement of the endpoint; "
        f"{'cold' if args.cold else 'each sampled request read once before measuring'}"
    )
    print(table(rows))


async def measure_cases(
    args: argparse.Namespace,
    session: aiohttp.ClientSession,
    pool: asyncpg.Pool,
    cases: list[Case],
    base: str,
    bare_base: str,
    headers: dict[str, str],
) -> list[tuple[str, Stats, Stats, Stats]]:
    rows = []
    for c, case in enumerate(cases):
        bare_paths = [[f"/bare/{c}-{p}" for p in range(len(case.paths[0]))]]
        results = []
        for op in (
            http_op(session, base, case.paths, headers),
            http_op(session, bare_base, bare_paths, {}),
            sql_op(pool, case.sql),
        ):
            await measure(op, args.warmup, args.concurrency)
            results.append(await measure(op, args.seconds, args.concurrency))
        rows.append((case.name, results[0], results[1], results[2]))
        print(f"measured {case.name}", flush=True)
    return rows


def main() -> None:
    args = parse_args()
    if args.serve_bare:
        serve_bare(args.serve_bare, args.port)
        return
    asyncio.run(bench(args))


if __name__ == "__main__":
    main()
