"""Scan recovery benchmark: how long after a SIGKILL a 2,000-file scan is complete.

For each case (the server with its in-process worker killed during the walk or during the
matching, or a separate `revenge worker` killed during the matching) it builds a library of tiny
movie files, starts `revenge serve` on a throwaway database (`revenge_bench_recovery_<random>` on
the local PostgreSQL) and its own Redis key prefix, starts the scan, kills the process, starts it
again and, sending no request but the counting, times:

- restart: from the kill until the killed process is back (the server ready, or the worker
  started);
- caught up: from then until every title is in the catalogue;
- complete: the two together, kill to complete (the recovery time).

    .venv/bin/python bench/scan_recovery.py [--files 2000] [--cases server:walk,worker:matching]

Not a test: nothing under `tests/` runs it (the integration test holds the same cases to two
minutes); it uses that test's helpers to drive the processes.
"""

from __future__ import annotations

import argparse
import asyncio
import secrets
import shutil
import sys
import tempfile
from pathlib import Path

import asyncpg
import redis.asyncio as redis

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.integration.serve.crash_support import (
    Recovery,
    Stack,
    kill_mid_scan,
    make_movies,
)

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
REDIS_URL = "redis://127.0.0.1:6379/0"
CASES = "server:walk,server:matching,worker:matching"
# A bench measures past the test's two minutes (a busy machine is slower), up to this.
LIMIT_S = 900.0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--cases", default=CASES, help=f"victim:moment, … (default {CASES})")
    return parser.parse_args()


async def admin(statement: str) -> None:
    connection = await asyncpg.connect(PG_ADMIN)
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


async def forget_keys(prefix: str) -> None:
    client = redis.from_url(REDIS_URL)
    try:
        async for key in client.scan_iter(match=f"{prefix}*", count=500):
            await client.delete(key)
    finally:
        await client.aclose()


def one_case(files: int, victim: str, moment: str) -> Recovery:
    name = f"revenge_bench_recovery_{secrets.token_hex(4)}"
    prefix = f"{name}:"
    root = Path(tempfile.mkdtemp(prefix="revenge-bench-recovery-"))
    asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    stack = Stack(root, PG_ADMIN.rsplit("/", 1)[0] + f"/{name}", REDIS_URL, prefix)
    try:
        make_movies(root / "movies", files)
        return kill_mid_scan(stack, root / "movies", files, victim, moment, limit_s=LIMIT_S)
    finally:
        stack.stop_all()
        asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        asyncio.run(forget_keys(prefix))
        shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    args = parse_args()
    print(
        f"{'killed':<8} {'during':<10} {'files':>6} {'restart s':>10} {'caught up s':>12}"
        f" {'complete s':>11}"
    )
    for case in args.cases.split(","):
        victim, moment = case.split(":")
        recovery = one_case(args.files, victim, moment)
        print(
            f"{victim:<8} {moment:<10} {args.files:>6} {recovery.restarted_s:>10.1f}"
            f" {recovery.caught_up_s:>12.1f} {recovery.complete_s:>11.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
