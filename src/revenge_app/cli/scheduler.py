"""`revenge scheduler`: enqueue periodic jobs in the foreground until SIGINT/SIGTERM."""

from __future__ import annotations

import argparse
import sys

from revenge_app.cli import add_data_dir_flag
from revenge_app.cli.worker import NO_REDIS
from revenge_app.config import Config
from revenge_app.logging import configure_logging
from revenge_app.services import running_redis_url


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
    from revenge_app.jobs.runtime import run_scheduler, run_until_signalled

    redis_url = running_redis_url(config)
    if not redis_url:
        print(NO_REDIS.format(command="revenge scheduler", role="scheduler"), file=sys.stderr)
        return 2
    configure_logging(config.logging.level, config.logging.format)
    run_until_signalled(lambda stop: run_scheduler(config, redis_url, stop))
    return 0
