"""`revenge migrate` as a user runs it: plain functions, each run makes its own event loop."""

from __future__ import annotations

import argparse

import pytest

from revenge_adapters.postgres import migrate as migrations
from revenge_app.cli import migrate
from revenge_app.config import Config, DatabaseConfig


def run(url: str, *argv: str) -> int:
    parser = argparse.ArgumentParser(prog="revenge")
    migrate.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["migrate", *argv])
    return int(args.run(args, Config(database=DatabaseConfig(url=url))))


def test_up_current_and_down_from_the_command_line(
    empty_pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(empty_pg_url, "current", "--check") == 1
    assert "none (never migrated)" in capsys.readouterr().out

    assert run(empty_pg_url, "up") == 0
    out, err = capsys.readouterr()
    assert f"database revision: {migrations.head()} (the newest)" in out
    assert "1/" in err
    assert "0001 create the schemas" in err

    assert run(empty_pg_url, "current", "--check") == 0
    assert run(empty_pg_url, "down", "base") == 0
    assert "none (never migrated)" in capsys.readouterr().out


def test_an_impossible_target_is_a_clear_error(
    empty_pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(empty_pg_url, "down", "-1") == 1
    assert capsys.readouterr().err.startswith("revenge migrate: ")
