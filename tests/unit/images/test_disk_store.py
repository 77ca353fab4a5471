"""The disk store: content stored once per hash, found by key, written atomically."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from revenge_adapters.images import DiskImageStore
from revenge_domain.images import EncodedImage

JPEG = EncodedImage(b"\xff\xd8 pretend jpeg", "image/jpeg")


def files_under(root: Path, pattern: str = "*") -> list[Path]:
    return [path for path in root.rglob(pattern) if path.is_file()]


async def test_an_image_is_found_again_by_its_key(tmp_path: Path) -> None:
    store = DiskImageStore(tmp_path)
    digest = await store.put("poster/w342/tmdb/abc.jpg", JPEG)
    assert digest == hashlib.sha256(JPEG.content).hexdigest()
    assert await store.get("poster/w342/tmdb/abc.jpg") == (JPEG, digest)
    assert await DiskImageStore(tmp_path).get("poster/w342/tmdb/abc.jpg") == (JPEG, digest)


async def test_an_unknown_key_is_none(tmp_path: Path) -> None:
    assert await DiskImageStore(tmp_path).get("poster/w342/tmdb/none.jpg") is None


async def test_equal_content_is_kept_once(tmp_path: Path) -> None:
    store = DiskImageStore(tmp_path)
    await store.put("poster/w342/tmdb/a.jpg", JPEG)
    await store.put("poster/w342/fanart/b.jpg", JPEG)
    assert len(files_under(tmp_path / "objects")) == 1
    assert files_under(tmp_path, "*.part") == []


async def test_file_names_are_hashes_whatever_the_key(tmp_path: Path) -> None:
    store = DiskImageStore(tmp_path / "cache")
    await store.put("poster/w342/local/x/../../../../escape.jpg", JPEG)
    written = files_under(tmp_path)
    assert all(p.is_relative_to(tmp_path / "cache") for p in written)
    assert all(len(p.name) == 64 for p in written)


async def test_a_lost_object_file_is_a_miss(tmp_path: Path) -> None:
    store = DiskImageStore(tmp_path)
    digest = await store.put("k", JPEG)
    (tmp_path / "objects" / digest[:2] / digest).unlink()
    assert await store.get("k") is None


async def test_a_damaged_key_file_is_a_miss(tmp_path: Path) -> None:
    store = DiskImageStore(tmp_path)
    await store.put("k", JPEG)
    [key_file] = files_under(tmp_path / "keys")
    key_file.write_bytes(b"{not json")
    assert await store.get("k") is None


def age(path: Path, seconds: float) -> None:
    stat = path.stat()
    os.utime(path, (stat.st_atime - seconds, stat.st_mtime - seconds))


def blob_of(root: Path, digest: str) -> Path:
    return root / "objects" / digest[:2] / digest


async def test_past_its_bound_the_least_recently_used_images_go(tmp_path: Path) -> None:
    store = DiskImageStore(tmp_path, max_bytes=3500)
    digests = []
    for n in range(3):
        digests.append(await store.put(f"k{n}", EncodedImage(bytes([n]) * 1000, "image/png")))
        age(blob_of(tmp_path, digests[-1]), 10_000 - n * 1000)
    assert await store.get("k0") is not None  # read long ago: marked used now
    await store.put("k3", EncodedImage(b"\x03" * 1000, "image/png"))
    assert sum(p.stat().st_size for p in files_under(tmp_path / "objects")) <= 3150
    assert await store.get("k1") is None
    for kept in ("k0", "k2", "k3"):
        assert await store.get(kept) is not None


async def test_without_a_bound_nothing_goes(tmp_path: Path) -> None:
    store = DiskImageStore(tmp_path)
    for n in range(5):
        await store.put(f"k{n}", EncodedImage(bytes([n]) * 1000, "image/png"))
    assert len(files_under(tmp_path / "objects")) == 5
