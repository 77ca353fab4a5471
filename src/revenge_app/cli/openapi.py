"""`revenge openapi`: print the OpenAPI document exactly as the server serves it."""

from __future__ import annotations

import argparse
import sys

from revenge_app.config import Config
from revenge_app.http.document import bundled_document


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "openapi",
        help="print the OpenAPI document (YAML) to stdout",
        description="Print the OpenAPI 3.1 document of the HTTP API, byte for byte as served "
        "at /api/openapi.yaml.",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, config: Config) -> int:
    sys.stdout.buffer.write(bundled_document().raw)
    sys.stdout.flush()
    return 0
