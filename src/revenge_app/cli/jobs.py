"""`revenge jobs`: list job kinds; list and retry dead letters."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable, Coroutine, Sequence
from typing import Any

from revenge_app.cli import add_data_dir_flag
from revenge_app.config import Config
from revenge_app.services import running_redis_url

NO_REDIS = (
    "revenge jobs dead: no Redis configured (set cache.url / REVENGE_CACHE_URL) and no "
    "`revenge serve` running on the data dir"
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "jobs",
        help="job kinds and dead letters",
        description="Inspect job kinds and the jobs that failed for good (dead letters).",
    )
    jobs = parser.add_subparsers(dest="jobs_command", metavar="ACTION", required=True)
    kinds = jobs.add_parser("kinds", help="list every job kind with its queue and attempts")
    kinds.set_defaults(run=run_kinds)

    dead = jobs.add_parser("dead", help="list or retry dead letters")
    actions = dead.add_subparsers(dest="dead_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="list dead letters, newest first")
    listing.add_argument("--limit", type=int, default=100, help="at most this many (100)")
    listing.set_defaults(run=run_dead_list)
    add_data_dir_flag(listing)
    retry = actions.add_parser(
        "retry",
        help="enqueue dead jobs again, attempts reset",
        description="Enqueue a dead job again as a new job with its attempts reset.",
    )
    which = retry.add_mutually_exclusive_group(required=True)
    which.add_argument("id", nargs="?", help="the dead letter's id (see `dead list`)")
    which.add_argument("--all", action="store_true", help="retry every dead letter")
    retry.set_defaults(run=run_dead_retry)
    add_data_dir_flag(retry)


def run_kinds(args: argparse.Namespace, config: Config) -> int:
    from revenge_app.jobs.kinds import defined_job_types

    rows = [
        (kind, str(t.queue), str(t.max_attempts), f"{t.timeout_s:g}")
        for kind, t in defined_job_types().items()
    ]
    print(table(("KIND", "QUEUE", "MAX ATTEMPTS", "TIMEOUT S"), rows))
    return 0


def run_dead_list(args: argparse.Namespace, config: Config) -> int:
    async def main() -> int:
        from revenge_app.jobs.runtime import job_platform

        async with job_platform(config, running_redis_url(config)) as platform:
            letters = await platform.dead_letters.list(args.limit)
        rows = [
            (
                letter.id,
                letter.kind,
                letter.queue,
                str(letter.attempts),
                letter.failed_at.strftime("%Y-%m-%d %H:%M:%S"),
                _one_line(letter.error),
            )
            for letter in letters
        ]
        print(table(("ID", "KIND", "QUEUE", "ATTEMPTS", "FAILED AT (UTC)", "ERROR"), rows))
        return 0

    return _with_redis(config, main)


def run_dead_retry(args: argparse.Namespace, config: Config) -> int:
    async def main() -> int:
        from revenge_adapters.jobs.dead_letters import RetryDeadLetters
        from revenge_app.jobs.runtime import job_platform
        from revenge_domain.errors import DomainError

        async with job_platform(config, running_redis_url(config)) as platform:
            retry = RetryDeadLetters(platform.dead_letters, platform.queue)
            if args.all:
                job_ids = await retry.all()
                print(f"re-enqueued {len(job_ids)} dead job(s)")
                return 0
            try:
                job_id = await retry.one(args.id)
            except DomainError as exc:
                print(f"revenge jobs dead retry: {exc.message}", file=sys.stderr)
                return 1
            print(f"re-enqueued {args.id} as job {job_id}")
            return 0

    return _with_redis(config, main)


def _with_redis(config: Config, main: Callable[[], Coroutine[Any, Any, int]]) -> int:
    from redis.exceptions import RedisError

    from revenge_domain.jobs import JobQueueUnavailable

    if not running_redis_url(config):
        print(NO_REDIS, file=sys.stderr)
        return 2
    try:
        code = asyncio.run(main())
    except (RedisError, OSError, JobQueueUnavailable) as exc:
        print(f"revenge jobs: Redis is unreachable: {exc}", file=sys.stderr)
        return 1
    return code


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = [headers, *rows]
    widths = [max(len(cell) for cell in column) for column in zip(*lines, strict=True)]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in lines
    )


def _one_line(text: str, limit: int = 80) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
