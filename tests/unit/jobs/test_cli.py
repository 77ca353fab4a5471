from __future__ import annotations

import argparse

import pytest

from revenge_app.cli import jobs, scheduler, worker
from revenge_app.cli.jobs import table
from revenge_app.config import load_config


def build_parser() -> argparse.ArgumentParser:
    """Only the job commands, so these tests do not depend on the others."""
    parser = argparse.ArgumentParser(prog="revenge")
    sub = parser.add_subparsers(required=True)
    for module in (worker, scheduler, jobs):
        module.register(sub)
    return parser


def run_cli(*argv: str) -> int:
    args = build_parser().parse_args(list(argv))
    code: int = args.run(args, load_config(environ={}))
    return code


def test_jobs_kinds_lists_each_kind_with_queue_and_attempts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run_cli("jobs", "kinds") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["KIND", "QUEUE", "MAX", "ATTEMPTS", "TIMEOUT", "S"]
    assert ["dead_letter_prune", "low", "3", "120"] in [line.split() for line in lines]


@pytest.mark.parametrize(
    ("argv", "role"),
    [(("worker",), "job worker"), (("scheduler",), "scheduler"), (("jobs", "dead", "list"), "")],
)
def test_commands_needing_redis_say_so_when_none_is_configured(
    argv: tuple[str, ...], role: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(*argv) == 2
    err = capsys.readouterr().err
    assert "REVENGE_CACHE_URL" in err
    assert role in err


def test_dead_retry_needs_an_id_or_all(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["jobs", "dead", "retry"])
    assert "one of the arguments id --all is required" in capsys.readouterr().err


def test_table_aligns_columns() -> None:
    assert table(("ID", "KIND"), [("1", "cleanup"), ("22", "x")]) == "ID  KIND\n1   cleanup\n22  x"
