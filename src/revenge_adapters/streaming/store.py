"""Segment files under the data dir: one folder per session, removed when it ends, and the
oldest segments dropped when the whole exceeds its cap (they are made again if asked for)."""

from __future__ import annotations

import shutil
from pathlib import Path
from uuid import UUID


class SegmentStore:
    def __init__(self, root: Path, max_bytes: int) -> None:
        self.root, self.max_bytes = root, max_bytes

    def folder(self, session_id: UUID) -> Path:
        return self.root / session_id.hex

    def remove(self, session_id: UUID) -> None:
        shutil.rmtree(self.folder(session_id), ignore_errors=True)

    def clear(self) -> None:
        """Forget every folder (at start-up, no session of a previous run plays on)."""
        shutil.rmtree(self.root, ignore_errors=True)
        self.root.mkdir(parents=True, exist_ok=True)

    def files(self) -> list[Path]:
        return [path for path in self.root.rglob("*") if path.is_file()]

    def size(self) -> int:
        return sum(_size(path) for path in self.files())

    def trim(self) -> int:
        """Drop the oldest segments until under the cap; the bytes dropped."""
        segments = [path for path in self.files() if path.suffix == ".m4s"]
        total = self.size()
        dropped = 0
        for path in sorted(segments, key=_mtime):
            if total - dropped <= self.max_bytes:
                break
            dropped += _size(path)
            path.unlink(missing_ok=True)
        return dropped


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
