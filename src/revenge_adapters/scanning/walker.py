"""The `FolderWalker` port on the local file system: `os.scandir` in a worker thread, a batch
of folders per hop, so the event loop never waits on the disk."""

from __future__ import annotations

import asyncio
import os
import stat as stat_mode
from collections.abc import AsyncIterator, Sequence

import attrs

from revenge_domain.scanning.model import VIDEO_EXTENSIONS, FileStat, WalkProblem
from revenge_domain.scanning.ports import WalkBatch

BATCH = 1000


def shown(path: str) -> str:
    """A path as text that can be stored, whatever bytes its name has."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def readable_name(path: str) -> bool:
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _is_video(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in VIDEO_EXTENSIONS


@attrs.define
class _Walk:
    """The state of one walk, advanced in a worker thread a batch at a time."""

    pending: list[str]
    seen_folders: set[tuple[int, int]] = attrs.Factory(set)

    def next_batch(self, size: int) -> list[FileStat | WalkProblem]:
        batch: list[FileStat | WalkProblem] = []
        while self.pending and len(batch) < size:
            self._folder(self.pending.pop(), batch)
        return batch

    def start(self, root: str, batch: list[FileStat | WalkProblem]) -> None:
        try:
            info = os.stat(root)
        except OSError as exc:
            batch.append(WalkProblem(shown(root), _reason(exc)))
            return
        if stat_mode.S_ISDIR(info.st_mode):
            self._enter(root, info)
        elif stat_mode.S_ISREG(info.st_mode) and _is_video(root):
            batch.append(FileStat(root, info.st_size, info.st_mtime_ns, info.st_ino))

    def _enter(self, folder: str, info: os.stat_result) -> None:
        key = (info.st_dev, info.st_ino)
        if key not in self.seen_folders:  # a link back up the tree is walked once
            self.seen_folders.add(key)
            self.pending.append(folder)

    def _folder(self, folder: str, batch: list[FileStat | WalkProblem]) -> None:
        try:
            with os.scandir(folder) as entries:
                found = list(entries)
        except OSError as exc:
            batch.append(WalkProblem(shown(folder), _reason(exc)))
            return
        for entry in found:
            if not entry.name.startswith("."):
                self._entry(entry, batch)

    def _entry(self, entry: os.DirEntry[str], batch: list[FileStat | WalkProblem]) -> None:
        path = entry.path
        try:
            if entry.is_dir():
                if not readable_name(path):
                    batch.append(WalkProblem(shown(path), "folder name is not valid UTF-8"))
                else:
                    self._enter(path, entry.stat())
                return
            if not _is_video(entry.name) and not entry.is_symlink():
                return
            info = entry.stat()
        except FileNotFoundError:
            if entry.is_symlink():
                batch.append(WalkProblem(shown(path), "broken symbolic link"))
            return
        except OSError as exc:
            batch.append(WalkProblem(shown(path), _reason(exc)))
            return
        if not stat_mode.S_ISREG(info.st_mode) or not _is_video(entry.name):
            return
        if not readable_name(path):
            batch.append(WalkProblem(shown(path), "file name is not valid UTF-8"))
            return
        batch.append(FileStat(path, info.st_size, info.st_mtime_ns, info.st_ino))


class LocalFolderWalker:
    def __init__(self, batch_size: int = BATCH) -> None:
        self._batch_size = batch_size

    async def walk(self, roots: Sequence[str]) -> AsyncIterator[WalkBatch]:
        walk = _Walk(pending=[])
        first: list[FileStat | WalkProblem] = []
        for root in roots:
            await asyncio.to_thread(walk.start, root, first)
        if first:
            yield first
        while walk.pending:
            batch = await asyncio.to_thread(walk.next_batch, self._batch_size)
            if batch:
                yield batch

    async def stat(self, path: str) -> FileStat | WalkProblem | None:
        if not _is_video(path):
            return None
        try:
            info = await asyncio.to_thread(os.stat, path)
        except FileNotFoundError:
            return None
        except OSError as exc:
            return WalkProblem(shown(path), _reason(exc))
        if not stat_mode.S_ISREG(info.st_mode):
            return None
        return FileStat(path, info.st_size, info.st_mtime_ns, info.st_ino)
