"""Which folders a library may use on this machine."""

from __future__ import annotations

from pathlib import Path

from revenge_adapters.libraries import LocalFolders


def test_an_existing_readable_directory_is_usable(tmp_path: Path) -> None:
    assert LocalFolders().problem_with(str(tmp_path)) is None


def test_a_relative_path_is_refused(tmp_path: Path) -> None:
    assert LocalFolders().problem_with("media/movies") == "not an absolute path"


def test_a_missing_path_or_a_file_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "movie.mkv"
    file.write_bytes(b"")
    folders = LocalFolders()
    assert folders.problem_with(str(tmp_path / "missing")) == "not an existing directory"
    assert folders.problem_with(str(file)) == "not an existing directory"
