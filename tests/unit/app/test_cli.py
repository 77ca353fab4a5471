"""The `revenge` command: every sub-command has help; bad configuration exits 2 naming it."""

from __future__ import annotations

import pytest

from revenge_app.cli import COMMAND_MODULES, build_parser, main


def test_every_sub_command_is_registered_with_help() -> None:
    parser = build_parser()
    help_text = parser.format_help()
    for module in COMMAND_MODULES:
        assert module.replace("_", "-") in help_text


@pytest.mark.parametrize("command", ["serve", "worker", "scheduler", "migrate", "openapi"])
def test_sub_command_help_exits_cleanly(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main([command, "--help"])
    assert stopped.value.code == 0
    assert "usage: revenge" in capsys.readouterr().out


def test_a_bad_setting_exits_2_and_names_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("REVENGE_SERVER_PORT", "not-a-port")
    with pytest.raises(SystemExit) as stopped:
        main(["openapi"])
    assert stopped.value.code == 2
    assert "server.port (REVENGE_SERVER_PORT)" in capsys.readouterr().err


def test_a_bad_flag_value_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["serve", "--port", "70000"])
    assert stopped.value.code == 2
    assert "server.port" in capsys.readouterr().err
