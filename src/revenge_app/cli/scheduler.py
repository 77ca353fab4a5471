"""`revenge scheduler`: enqueue periodic jobs in the foreground until SIGINT/SIGTERM."""

from __future__ import annotations

import argparse
import asyncio

from revenge_app.cli import add_data_dir_flag
from revenge_app.cli.worker import run_in_foreground
from revenge_app.config import Config


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "scheduler",
        help="enqueue periodic jobs (needs a configured Redis)",
        description="Enqueue periodic jobs (such as the daily dead-letter prune) until "
        "interrupted. Several schedulers may run at once: each periodic job is still enqueued "
        "once per interval.",
    )
    add_data_dir_flag(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, config: Config) -> int:
    return run_in_foreground(config, "revenge scheduler", "scheduler", schedule)


async def schedule(config: Config, redis_url: str, stop: asyncio.Event) -> None:
    """The features' periodic jobs (Redis alone: nothing else is built)."""
    from revenge_app.features import every_periodic_job
    from revenge_app.jobs.runtime import run_scheduler

    await run_scheduler(config, redis_url, stop, every_periodic_job(config))
