"""Artwork files beside the videos, read from inside library folders and nowhere else."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path

from revenge_domain.images import ImageNotFound, ImageSourceFailed


class LibraryArtworkFiles:
    """The ArtworkFiles port on the local file system. Symbolic links are followed only when
    they end inside the same library folder."""

    def __init__(self, max_bytes: int = 20 * 1024 * 1024) -> None:
        self._max_bytes = max_bytes

    async def read(self, folders: Sequence[str], path: str) -> bytes:
        return await asyncio.to_thread(self._read, folders, path)

    async def version(self, folders: Sequence[str], path: str) -> str:
        return await asyncio.to_thread(self._version, folders, path)

    def _read(self, folders: Sequence[str], path: str) -> bytes:
        file = self._located(folders, path)
        try:
            if file.stat().st_size > self._max_bytes:
                raise ImageSourceFailed(f"the artwork file is larger than {self._max_bytes} bytes")
            return file.read_bytes()
        except OSError:
            raise ImageNotFound("the artwork file cannot be read") from None

    def _version(self, folders: Sequence[str], path: str) -> str:
        try:
            stat = self._located(folders, path).stat()
        except OSError:
            raise ImageNotFound("the artwork file cannot be read") from None
        return f"{stat.st_size}-{stat.st_mtime_ns}"

    @staticmethod
    def _located(folders: Sequence[str], path: str) -> Path:
        relative = Path(path)
        if relative.is_absolute() or ".." in relative.parts:
            raise ImageNotFound("no such artwork file")
        for folder in folders:
            root = Path(folder).resolve()
            candidate = (root / relative).resolve()
            if candidate.is_relative_to(root) and candidate.is_file():
                return candidate
        raise ImageNotFound("no such artwork file")
