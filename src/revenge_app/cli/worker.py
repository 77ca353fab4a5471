"""`revenge worker`: run background jobs in the foreground until SIGINT/SIGTERM."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable

from revenge_app.cli import add_data_dir_flag
from revenge_app.config import Config
from revenge_app.logging import configure_logging
from revenge_app.services import running_redis_url

JobProcess = Callable[[Config, str, asyncio.Event], Awaitable[None]]

NO_REDIS = (
    "{command}: no Redis configured (cache.url / REVENGE_CACHE_URL). A separate {role} needs the "
    "shared Redis of a production setup, or a running `revenge serve` on the same data dir (which "
    "already runs a {role} in-process)."
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "worker",
        help="run background jobs (needs a configured Redis)",
        description="Run background jobs from every queue until interrupted (SIGINT/SIGTERM). "
        "Running jobs get server.shutdown_timeout_s to finish; the rest are delivered again "
        "to another worker. Queue concurrency comes from jobs.concurrency_<queue>.",
    )
    add_data_dir_flag(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, config: Config) -> int:
    return run_in_foreground(config, "revenge worker", "job worker", work)


async def work(config: Config, redis_url: str, stop: asyncio.Event) -> None:
    """The worker with the features' job handlers (jobs write rows, call providers, index)."""
    from revenge_app.features import running
    from revenge_app.jobs.runtime import run_worker
    from revenge_app.services import service_urls

    async with service_urls(config) as urls, running(config, urls) as (_, features):
        await run_worker(config, redis_url, stop, features.jobs)


def run_in_foreground(config: Config, command: str, role: str, main: JobProcess) -> int:
    """Run `main` on the shared Redis until SIGINT/SIGTERM; 2 when there is no Redis to use."""
    from revenge_app.jobs.runtime import run_until_signalled

    redis_url = running_redis_url(config)
    if not redis_url:
        print(NO_REDIS.format(command=command, role=role), file=sys.stderr)
        return 2
    configure_logging(config.logging.level, config.logging.format)
    run_until_signalled(lambda stop: main(config, redis_url, stop))
    return 0
