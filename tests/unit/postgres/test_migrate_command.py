from __future__ import annotations

import argparse
import io

import pytest

from revenge_app.cli import migrate


class TerminalStream(io.StringIO):
    def isatty(self) -> bool:
        return True


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="revenge")
    migrate.register(parser.add_subparsers(dest="command", required=True))
    return parser.parse_args(["migrate", *argv])


def test_off_a_terminal_each_step_is_one_plain_line() -> None:
    stream = io.StringIO()
    progress = migrate.Progress(2, stream)
    progress.advance("0001 create the schemas")
    progress.advance("0002 create users")
    lines = stream.getvalue().splitlines()
    assert [line.rsplit(" (", 1)[0] for line in lines] == [
        "1/2 0001 create the schemas",
        "2/2 0002 create users",
    ]
    assert all(line.endswith(" s)") for line in lines)
    assert "\r" not in stream.getvalue()


def test_on_a_terminal_a_bar_is_redrawn_and_ends_with_a_newline() -> None:
    stream = TerminalStream()
    progress = migrate.Progress(2, stream)
    progress.advance("0001 create the schemas")
    assert stream.getvalue().startswith("\r")
    assert "1/2 0001 create the schemas" in stream.getvalue()
    assert not stream.getvalue().endswith("\n")
    progress.advance("0002 create users")
    last = stream.getvalue().rsplit("\r", 1)[1]
    assert last.endswith("2/2 0002 create users\n")
    assert "[" + "#" * migrate.BAR_WIDTH + "]" in last


def test_up_defaults_to_head_and_down_needs_an_explicit_target() -> None:
    assert parse("up").revision == "head"
    assert parse("down", "-1").revision == "-1"
    with pytest.raises(SystemExit):
        parse("down")
