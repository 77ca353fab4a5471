import os
from pathlib import Path

import pytest

from revenge_app.embedded.lock import DataDirInUse, DataDirLock


def test_a_second_holder_is_refused_with_the_holders_pid(tmp_path: Path) -> None:
    first = DataDirLock(tmp_path)
    first.acquire()
    try:
        with pytest.raises(
            DataDirInUse, match=rf"in use by another Revenge server \(pid {os.getpid()}\)"
        ):
            DataDirLock(tmp_path).acquire()
    finally:
        first.release()


def test_the_lock_can_be_taken_again_once_released(tmp_path: Path) -> None:
    first = DataDirLock(tmp_path)
    first.acquire()
    first.release()
    first.release()  # idempotent
    second = DataDirLock(tmp_path)
    second.acquire()
    second.release()


def test_two_data_dirs_have_separate_locks(tmp_path: Path) -> None:
    one, two = DataDirLock(tmp_path / "one"), DataDirLock(tmp_path / "two")
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    one.acquire()
    two.acquire()
    one.release()
    two.release()
