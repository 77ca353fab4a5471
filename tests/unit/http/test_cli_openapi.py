from __future__ import annotations

import argparse

import pytest

from revenge_app.cli import openapi
from revenge_app.config import Config
from revenge_app.http import bundled_document


def test_openapi_command_prints_the_served_document(
    capfdbinary: pytest.CaptureFixture[bytes],
) -> None:
    parser = argparse.ArgumentParser()
    openapi.register(parser.add_subparsers())
    args = parser.parse_args(["openapi"])
    assert args.run(args, Config()) == 0
    assert capfdbinary.readouterr().out == bundled_document().raw
