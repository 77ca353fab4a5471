"""`revenge serve`: the whole server, on the embedded stack unless service URLs are configured."""

from __future__ import annotations

import argparse
import sys

from revenge_adapters.postgres.migrate import MigrationError
from revenge_app.cli import add_data_dir_flag
from revenge_app.config import Config
from revenge_app.embedded.lock import DataDirInUse
from revenge_app.embedded.process import PieceFailed
from revenge_app.jobs.runtime import run_until_signalled
from revenge_app.logging import configure_logging
from revenge_app.server import serve


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "serve",
        help="run the server (embedded PostgreSQL, Redis and Typesense unless configured)",
        description=(
            "Start the HTTP API, its metrics endpoint and (unless jobs.run_in_server is false) the "
            "job worker and scheduler. Services whose URL is not configured (REVENGE_DATABASE_URL, "
            "REVENGE_CACHE_URL, REVENGE_SEARCH_URL) are started from Python packages, with their "
            "data under the data dir. Stops cleanly on Ctrl-C or SIGTERM."
        ),
    )
    add_data_dir_flag(parser)
    parser.add_argument("--host", default=None, help="address to listen on (REVENGE_SERVER_HOST)")
    parser.add_argument("--port", type=int, default=None, help="API port (REVENGE_SERVER_PORT)")
    parser.add_argument(
        "--metrics-port",
        type=int,
        default=None,
        dest="metrics_port",
        help="Prometheus metrics port (REVENGE_SERVER_METRICS_PORT)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, config: Config) -> int:
    configure_logging(config.logging.level, config.logging.format)
    try:
        run_until_signalled(lambda stop: serve(config, stop))
    except (PieceFailed, DataDirInUse, MigrationError, OSError) as exc:
        print(f"revenge serve: {exc}", file=sys.stderr)
        return 1
    return 0
