"""`revenge worker`: run background jobs in the foreground until SIGINT/SIGTERM."""

from __future__ import annotations

import argparse
import sys

from revenge_app.cli import add_data_dir_flag
from revenge_app.config import Config
from revenge_app.logging import configure_logging
from revenge_app.services import running_redis_url

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
    from revenge_app.jobs.runtime import run_until_signalled, run_worker

    redis_url = running_redis_url(config)
    if not redis_url:
        print(NO_REDIS.format(command="revenge worker", role="job worker"), file=sys.stderr)
        return 2
    configure_logging(config.logging.level, config.logging.format)
    run_until_signalled(lambda stop: run_worker(config, redis_url, stop))
    return 0
