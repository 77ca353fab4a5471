from __future__ import annotations

import argparse
import io

import pytest

from revenge_app.cli.create_admin import PasswordEntryError, read_password, register, run
from revenge_app.config import Config, DatabaseConfig

# Nothing listens here: these tests must fail before any database work.
UNREACHABLE = Config(database=DatabaseConfig(url="postgresql://nobody@127.0.0.1:1/none"))


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Typist:
    """Stands in for getpass: replays what was typed and records the prompts shown."""

    def __init__(self, *typed: str) -> None:
        self.typed = list(typed)
        self.shown: list[str] = []

    def __call__(self, text: str) -> str:
        self.shown.append(text)
        return self.typed.pop(0)


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="revenge")
    register(parser.add_subparsers())
    return parser.parse_args(["create-admin", *argv])


def test_the_command_line_is_parsed() -> None:
    args = parse("--username", "root", "--email", "root@example.com", "--password-stdin")
    assert (args.username, args.email, args.password_stdin) == ("root", "root@example.com", True)
    assert args.run is run


@pytest.mark.parametrize(
    ("argv", "typed", "named"),
    [
        (["--username", "r", "--email", "root@example.com"], "correct horse\n", "username"),
        (["--username", "root", "--email", "root"], "correct horse\n", "email"),
        (["--username", "root", "--email", "root@example.com"], "short\n", "password"),
        (["--username", "root", "--email", "root@example.com"], "\n", "no password"),
    ],
)
def test_invalid_input_exits_1_with_a_message(
    capsys: pytest.CaptureFixture[str], argv: list[str], typed: str, named: str
) -> None:
    args = parse(*argv, "--password-stdin")
    assert run(args, UNREACHABLE, stdin=io.StringIO(typed)) == 1
    out, err = capsys.readouterr()
    assert err.startswith("revenge create-admin: ")
    assert named in err
    assert out == ""


def test_the_password_is_the_first_stdin_line_without_its_newline() -> None:
    stdin = io.StringIO(" spaced pass \r\nsecond line\n")
    assert read_password(True, stdin, input) == " spaced pass "


def test_on_a_terminal_the_password_is_asked_twice() -> None:
    typist = Typist("correct horse", "correct horse")
    assert read_password(False, Terminal(), typist) == "correct horse"
    assert typist.shown == ["Password: ", "Password (again): "]


def test_two_different_entries_are_refused() -> None:
    with pytest.raises(PasswordEntryError, match="differ"):
        read_password(False, Terminal(), Typist("correct horse", "correct house"))


def test_end_of_input_at_the_prompt_is_refused() -> None:
    def closed(text: str) -> str:
        raise EOFError

    with pytest.raises(PasswordEntryError, match="no password"):
        read_password(False, Terminal(), closed)


def test_without_a_terminal_or_the_flag_it_says_how_to_pass_the_password() -> None:
    with pytest.raises(PasswordEntryError, match="--password-stdin"):
        read_password(False, io.StringIO("correct horse\n"), input)
