"""Artwork files are read from inside library folders only."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from revenge_adapters.images import LibraryArtworkFiles
from revenge_domain.images import ImageNotFound, ImageSourceFailed


@pytest.fixture
def library(tmp_path: Path) -> Path:
    movie = tmp_path / "movies" / "Heat (1995)"
    movie.mkdir(parents=True)
    (movie / "poster.jpg").write_bytes(b"poster")
    (tmp_path / "secret.jpg").write_bytes(b"secret")
    return tmp_path / "movies"


async def test_a_file_inside_the_folder_is_read(library: Path) -> None:
    files = LibraryArtworkFiles()
    assert await files.read([str(library)], "Heat (1995)/poster.jpg") == b"poster"


async def test_the_first_folder_that_has_the_file_wins(library: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    files = LibraryArtworkFiles()
    assert await files.read([str(other), str(library)], "Heat (1995)/poster.jpg") == b"poster"


@pytest.mark.parametrize("path", ["../secret.jpg", "Heat (1995)/../../secret.jpg", "/etc/passwd"])
async def test_paths_leaving_the_folder_are_not_found(library: Path, path: str) -> None:
    with pytest.raises(ImageNotFound):
        await LibraryArtworkFiles().read([str(library)], path)


async def test_a_symbolic_link_out_of_the_folder_is_not_followed(
    library: Path, tmp_path: Path
) -> None:
    os.symlink(tmp_path / "secret.jpg", library / "Heat (1995)" / "fanart.jpg")
    with pytest.raises(ImageNotFound):
        await LibraryArtworkFiles().read([str(library)], "Heat (1995)/fanart.jpg")


async def test_a_missing_file_or_a_folder_is_not_found(library: Path) -> None:
    files = LibraryArtworkFiles()
    for path in ("Heat (1995)/fanart.jpg", "Heat (1995)"):
        with pytest.raises(ImageNotFound):
            await files.read([str(library)], path)


async def test_a_file_over_the_limit_is_refused(library: Path) -> None:
    with pytest.raises(ImageSourceFailed):
        await LibraryArtworkFiles(max_bytes=3).read([str(library)], "Heat (1995)/poster.jpg")


async def test_the_version_changes_with_the_file(library: Path) -> None:
    files = LibraryArtworkFiles()
    before = await files.version([str(library)], "Heat (1995)/poster.jpg")
    (library / "Heat (1995)" / "poster.jpg").write_bytes(b"another poster")
    assert await files.version([str(library)], "Heat (1995)/poster.jpg") != before
