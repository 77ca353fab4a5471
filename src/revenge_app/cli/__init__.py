"""The `revenge` command. Each sub-command lives in its own module with `register(subparsers)`."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from revenge_app.config import Config, ConfigError, load_config

COMMAND_MODULES = (
    "serve",
    "worker",
    "scheduler",
    "jobs",
    "migrate",
    "openapi",
    "create_admin",
    "seed",
)

Command = Callable[[argparse.Namespace, Config], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="revenge",
        description="Revenge: a self-hosted media server for movie and TV libraries.",
    )
    parser.add_argument(
        "--config",
        type=Path,
        default=None,
        help="TOML config file (settings also come from REVENGE_* environment variables)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"revenge_app.cli.{name}")
        module.register(sub)
    return parser


def add_data_dir_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        dest="data_dir",
        help="where the embedded services keep their data (REVENGE_DATA_DIR)",
    )


def overrides_from(args: argparse.Namespace) -> dict[str, object]:
    """CLI flags that set config keys, as dotted names; absent flags are None and ignored."""
    names = {
        "data_dir": "data_dir",
        "host": "server.host",
        "port": "server.port",
        "metrics_port": "server.metrics_port",
    }
    return {key: getattr(args, flag, None) for flag, key in names.items()}


def main(argv: Sequence[str] | None = None) -> None:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        config = load_config(args.config, overrides=overrides_from(args))
    except ConfigError as exc:
        print(f"revenge: configuration error: {exc}", file=sys.stderr)
        sys.exit(2)
    run: Command = args.run
    sys.exit(run(args, config))
