"""`revenge migrate up|down|current`: move the database schema between revisions."""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from typing import TextIO

from revenge_adapters.postgres import migrate
from revenge_app.cli import add_data_dir_flag
from revenge_app.config import Config
from revenge_app.embedded.lock import DataDirInUse
from revenge_app.embedded.process import PieceFailed
from revenge_app.services import DATABASE_ONLY, service_urls

BAR_WIDTH = 30


class Progress:
    """A bar redrawn in place on a terminal; one plain line per step anywhere else."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total = total
        self.done = 0
        self.stream = stream or sys.stderr
        self.on_terminal = self.stream.isatty()
        self._last = time.monotonic()

    def advance(self, label: str) -> None:
        self.done += 1
        now = time.monotonic()
        took, self._last = now - self._last, now
        if self.on_terminal:
            filled = BAR_WIDTH * self.done // max(self.total, 1)
            bar = "#" * filled + "." * (BAR_WIDTH - filled)
            self.stream.write(f"\r\x1b[K[{bar}] {self.done}/{self.total} {label}")
            if self.done >= self.total:
                self.stream.write("\n")
        else:
            self.stream.write(f"{self.done}/{self.total} {label} ({took:.2f} s)\n")
        self.stream.flush()


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "migrate",
        help="upgrade or downgrade the database schema",
        description=(
            "Move the database schema between revisions. Uses REVENGE_DATABASE_URL, or the "
            "embedded PostgreSQL under the data dir when it is not set."
        ),
    )
    actions = parser.add_subparsers(dest="migrate_action", metavar="ACTION", required=True)
    up = actions.add_parser("up", help="apply migrations (default: up to the newest)")
    up.add_argument(
        "revision", nargs="?", default="head", help="target revision: an id, +N, or head (default)"
    )
    down = actions.add_parser("down", help="undo migrations down to an explicit target")
    down.add_argument("revision", help="target revision: an id, -N (e.g. -1), or base (undo all)")
    now = actions.add_parser("current", help="print the database's revision")
    now.add_argument(
        "--check",
        action="store_true",
        help="exit with status 1 unless the database is at the newest revision",
    )
    for action in (up, down, now):
        add_data_dir_flag(action)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, config: Config) -> int:
    try:
        return asyncio.run(_run_action(args, config))
    except (migrate.MigrationError, PieceFailed, DataDirInUse) as exc:
        print(f"revenge migrate: {exc}", file=sys.stderr)
        return 1


async def _run_action(args: argparse.Namespace, config: Config) -> int:
    async with service_urls(config, needs=DATABASE_ONLY) as urls:
        return await _ACTIONS[args.migrate_action](urls.database_url, args)


async def _up(url: str, args: argparse.Namespace) -> int:
    steps = await migrate.plan_upgrade(url, args.revision)
    await migrate.upgrade(url, args.revision, on_step=_announce("apply", steps))
    await _show_revision(url)
    return 0


async def _down(url: str, args: argparse.Namespace) -> int:
    steps = await migrate.plan_downgrade(url, args.revision)
    await migrate.downgrade(url, args.revision, on_step=_announce("undo", steps))
    await _show_revision(url)
    return 0


async def _current(url: str, args: argparse.Namespace) -> int:
    revision = await _show_revision(url)
    return 1 if args.check and revision != migrate.head() else 0


def _announce(verb: str, steps: list[migrate.Migration]) -> migrate.StepCallback:
    print(f"migrations to {verb}: {len(steps)}", file=sys.stderr)
    progress = Progress(len(steps))
    return lambda step: progress.advance(f"{step.revision} {step.message}")


async def _show_revision(url: str) -> str | None:
    revision, newest = await migrate.current(url), migrate.head()
    state = "the newest" if revision == newest else f"the newest is {newest}"
    print(f"database revision: {revision or 'none (never migrated)'} ({state})")
    return revision


_ACTIONS = {"up": _up, "down": _down, "current": _current}
