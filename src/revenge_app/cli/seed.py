"""`revenge seed`: fill the database with a synthetic catalogue, for demos and benchmarks."""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

import argon2
import attrs
from sqlalchemy.exc import SQLAlchemyError

from revenge_adapters.identity import Argon2PasswordHasher
from revenge_adapters.postgres.migrate import MigrationError, upgrade
from revenge_adapters.search import TypesenseSearchIndex
from revenge_app.cli import add_data_dir_flag
from revenge_app.cli.migrate import Progress
from revenge_app.config import Config
from revenge_app.embedded.lock import DataDirInUse
from revenge_app.embedded.process import PieceFailed
from revenge_app.seed import SeedPlan, generate
from revenge_app.seed.search import index_seeded
from revenge_app.seed.writer import AlreadySeeded, write_tables
from revenge_app.services import DATABASE_ONLY, service_urls
from revenge_domain.ports.search import SearchIndex
from revenge_domain.search.errors import SearchUnavailable
from revenge_domain.search.reindexing import EVERY_COLLECTION

PROG = "revenge seed"
DEMO_PASSWORD = "revenge-demo"  # noqa: S105 - printed on purpose: demo accounts only
# Real Argon2id (logins verify it), cheap enough that seeding spends no time on it.
CHEAP_ARGON2 = argon2.Parameters(
    type=argon2.Type.ID,
    version=19,
    salt_len=16,
    hash_len=32,
    time_cost=1,
    memory_cost=8 * 1024,
    parallelism=1,
)
DEFAULT_SERIES = 1_000
DEFAULT_EPISODES_PER_SERIES = 50


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "seed",
        help="fill the database with a synthetic catalogue",
        description=(
            "Migrate the database, then add two libraries ('Seeded movies', 'Seeded TV') with "
            "synthetic movies, series, episodes, people and files, and users who can view them "
            f"(password {DEMO_PASSWORD!r}) with watch progress, then rebuild the search "
            "collections from the catalogue. Only inserts: it can run while the server runs."
        ),
    )
    add_data_dir_flag(parser)
    count = _count
    parser.add_argument("--movies", type=count, default=10_000, help="default 10000")
    parser.add_argument("--series", type=count, default=DEFAULT_SERIES, help="default 1000")
    parser.add_argument(
        "--episodes-per-series",
        type=count,
        default=None,
        dest="episodes_per_series",
        help=f"default {DEFAULT_EPISODES_PER_SERIES} (50,000 episodes for the default series)",
    )
    parser.add_argument("--users", type=count, default=50, help="default 50")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, config: Config) -> int:
    root = config.data_dir.expanduser().absolute() / "seed"
    plan = SeedPlan(
        movies=args.movies,
        series=args.series,
        episodes_per_series=_episodes_per_series(args.episodes_per_series),
        users=args.users,
        seed=args.seed,
        movie_root=root / "movies",
        tv_root=root / "tv",
    )
    try:
        asyncio.run(_seed_with_services(config, plan))
    except (AlreadySeeded, MigrationError, PieceFailed, DataDirInUse, SearchUnavailable) as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    except (OSError, SQLAlchemyError) as exc:
        print(f"{PROG}: database error: {exc}", file=sys.stderr)
        return 1
    return 0


async def _seed_with_services(config: Config, plan: SeedPlan) -> None:
    needs = (*DATABASE_ONLY, "search") if config.search.enabled else DATABASE_ONLY
    async with service_urls(config, needs=needs) as urls:
        if not urls.search_url:
            await seed(urls.database_url, plan)
            return
        search = config.search
        index = TypesenseSearchIndex(
            urls.search_url, urls.search_api_key, prefix=search.collection_prefix
        )
        try:
            await seed(urls.database_url, plan, index=index)
        finally:
            await index.close()


async def seed(
    url: str,
    plan: SeedPlan,
    progress: Progress | None = None,
    *,
    index: SearchIndex | None = None,
) -> dict[str, int]:
    """Migrate, generate and insert the plan's catalogue, then (given an `index`) rebuild the
    search collections from it; print and return rows per table."""
    started = time.monotonic()
    await asyncio.to_thread(_make_folders, plan)
    await upgrade(url)
    password_hash = await Argon2PasswordHasher(CHEAP_ARGON2).hash(DEMO_PASSWORD)
    tables = await asyncio.to_thread(generate, attrs.evolve(plan, password_hash=password_hash))
    steps = len(tables) + (len(EVERY_COLLECTION) if index is not None else 0)
    progress = progress or Progress(steps)
    await write_tables(url, tables, lambda table: progress.advance(table.qualified))
    if index is not None:
        await index_seeded(url, index, progress)
    counts = {table.qualified: len(table.rows) for table in tables}
    _print_summary(counts, plan, time.monotonic() - started)
    return counts


def _make_folders(plan: SeedPlan) -> None:
    for folder in (plan.movie_root, plan.tv_root):
        Path(folder).mkdir(parents=True, exist_ok=True)


def _print_summary(counts: dict[str, int], plan: SeedPlan, took: float) -> None:
    for name, rows in counts.items():
        print(f"{name:<32} {rows:>9,}")
    print(f"{sum(counts.values()):,} rows in {took:.1f} s")
    if plan.users:
        print(f"users seed_user_001..seed_user_{plan.users:03d}, password {DEMO_PASSWORD!r}")


def _episodes_per_series(given: int | None) -> int:
    return DEFAULT_EPISODES_PER_SERIES if given is None else given


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, got {value}")
    return value
