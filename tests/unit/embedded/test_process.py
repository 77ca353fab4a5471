import os
import subprocess
import sys
from pathlib import Path

import pytest

from revenge_app.embedded.process import (
    MAX_SOCKET_PATH_BYTES,
    remove_socket_dir,
    socket_dir_for,
    stop_leftover,
)


def test_a_short_dir_holds_its_own_socket(tmp_path: Path) -> None:
    assert socket_dir_for(tmp_path, "redis.sock") == tmp_path


def test_a_dir_too_long_for_a_socket_gets_a_short_private_one(tmp_path: Path) -> None:
    deep = tmp_path / ("d" * MAX_SOCKET_PATH_BYTES)

    chosen = socket_dir_for(deep, "redis.sock")

    assert len(os.fsencode(chosen / "redis.sock")) <= MAX_SOCKET_PATH_BYTES
    assert chosen.stat().st_mode & 0o777 == 0o700
    assert socket_dir_for(deep, "redis.sock") == chosen  # stable for one data dir
    other = socket_dir_for(tmp_path / ("e" * MAX_SOCKET_PATH_BYTES), "redis.sock")
    assert other != chosen
    remove_socket_dir(chosen)
    remove_socket_dir(other)
    assert not chosen.exists()


def test_a_short_dir_that_others_can_enter_is_refused(tmp_path: Path) -> None:
    deep = tmp_path / ("f" * MAX_SOCKET_PATH_BYTES)
    chosen = socket_dir_for(deep, "redis.sock")
    chosen.chmod(0o755)
    try:
        with pytest.raises(PermissionError, match="not a private directory"):
            socket_dir_for(deep, "redis.sock")
    finally:
        chosen.rmdir()


def _sleeper(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)", *args])


def test_a_leftover_server_of_this_dir_is_stopped(tmp_path: Path) -> None:
    leftover = _sleeper(str(tmp_path / "server.conf"))
    pid_file = tmp_path / "server.pid"
    pid_file.write_text(f"{leftover.pid}\n")

    stop_leftover(pid_file)

    assert leftover.wait(5) is not None
    assert not pid_file.exists()


def test_an_unrelated_process_named_in_a_stale_pid_file_is_left_alone(tmp_path: Path) -> None:
    unrelated = _sleeper()
    pid_file = tmp_path / "server.pid"
    pid_file.write_text(f"{unrelated.pid}\n")
    try:
        stop_leftover(pid_file)
        assert unrelated.poll() is None
        assert not pid_file.exists()
    finally:
        unrelated.kill()
        unrelated.wait()


def test_a_missing_or_garbled_pid_file_is_fine(tmp_path: Path) -> None:
    stop_leftover(tmp_path / "absent.pid")
    garbled = tmp_path / "garbled.pid"
    garbled.write_text("not a pid")
    stop_leftover(garbled)
    assert not garbled.exists()
