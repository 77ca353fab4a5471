"""Image bytes on disk: each content once under its hash, and small key files pointing at them.

Layout under the root: `objects/ab/<sha256 of the content>` and `keys/cd/<sha256 of the key>`
(a JSON `{"digest", "content_type"}`). Names are hashes, so nothing a client sends becomes a
file name. Files are written beside their final name and renamed, so a reader never sees half
of one. When the objects outgrow `max_bytes`, the least recently used go (down to 90%); their
keys then miss and the image is made again on the next request.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import tempfile
import threading
import time
from pathlib import Path

from revenge_domain.images import EncodedImage

PRUNED_TO = 0.9
# A hit marks its object used (its mtime) at most this often, to spare the disk a write per read.
TOUCH_AFTER_S = 3600.0


def _sharded(directory: Path, digest: str) -> Path:
    return directory / digest[:2] / digest


def _write_atomically(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class DiskImageStore:
    """The ImageStore port on a local directory."""

    def __init__(self, root: Path, max_bytes: int | None = None) -> None:
        self.root = root
        self._objects = root / "objects"
        self._keys = root / "keys"
        self._max_bytes = max_bytes
        self._total: int | None = None  # bytes of objects, counted on the first growth
        self._lock = threading.Lock()

    async def get(self, key: str) -> tuple[EncodedImage, str] | None:
        return await asyncio.to_thread(self._get, key)

    async def put(self, key: str, image: EncodedImage) -> str:
        return await asyncio.to_thread(self._put, key, image)

    def _key_file(self, key: str) -> Path:
        return _sharded(self._keys, hashlib.sha256(key.encode()).hexdigest())

    def _get(self, key: str) -> tuple[EncodedImage, str] | None:
        try:
            entry = json.loads(self._key_file(key).read_bytes())
            digest, content_type = str(entry["digest"]), str(entry["content_type"])
            blob = _sharded(self._objects, digest)
            content = blob.read_bytes()
            if time.time() - blob.stat().st_mtime > TOUCH_AFTER_S:
                os.utime(blob)
        except (OSError, ValueError, KeyError, TypeError):
            return None  # never stored, or pruned: made again
        return EncodedImage(content, content_type), digest

    def _put(self, key: str, image: EncodedImage) -> str:
        digest = hashlib.sha256(image.content).hexdigest()
        blob = _sharded(self._objects, digest)
        fresh = not blob.exists()
        if fresh:
            _write_atomically(blob, image.content)
        entry = {"digest": digest, "content_type": image.content_type}
        _write_atomically(self._key_file(key), json.dumps(entry).encode())
        if fresh:
            self._grew(len(image.content))
        return digest

    def _grew(self, size: int) -> None:
        if self._max_bytes is None:
            return
        with self._lock:
            if self._total is None:
                self._total = sum(size for _, size, _ in self._listed())
            else:
                self._total += size
            if self._total > self._max_bytes:
                self._total = self._pruned(int(self._max_bytes * PRUNED_TO))

    def _listed(self) -> list[tuple[float, int, Path]]:
        found = []
        for path in self._objects.glob("*/*"):
            try:
                stat = path.stat()
            except OSError:
                continue
            if not path.name.endswith(".part"):
                found.append((stat.st_mtime, stat.st_size, path))
        return found

    def _pruned(self, target: int) -> int:
        """Remove the least recently used objects until at most `target` bytes remain."""
        objects = sorted(self._listed())
        total = sum(size for _, size, _ in objects)
        for _, size, path in objects:
            if total <= target:
                break
            path.unlink(missing_ok=True)
            total -= size
        return total
