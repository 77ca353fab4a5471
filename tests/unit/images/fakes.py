"""Small real implementations of the image ports, for the use case tests."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Sequence

from revenge_domain.images import (
    EncodedImage,
    ImageNotFound,
    ImageSize,
    ImageSourceFailed,
    ProviderImage,
)


class FakeFetcher:
    """Provider files by (provider, path); counts every fetch."""

    def __init__(self, files: dict[tuple[str, str], bytes] | None = None) -> None:
        self.files = dict(files or {})
        self.fetched: list[ProviderImage] = []
        self.down = False
        self.delay_s = 0.0

    async def fetch(self, image: ProviderImage) -> bytes:
        self.fetched.append(image)
        await asyncio.sleep(self.delay_s)
        if self.down:
            raise ImageSourceFailed("the image host could not be reached")
        try:
            return self.files[(image.provider.value, image.path)]
        except KeyError:
            raise ImageNotFound("the provider has no such image") from None


class FakeArtwork:
    """Files by (folder, relative path)."""

    def __init__(self, files: dict[tuple[str, str], bytes] | None = None) -> None:
        self.files = dict(files or {})
        self.reads = 0

    def _found(self, folders: Sequence[str], path: str) -> bytes:
        for folder in folders:
            if (folder, path) in self.files:
                return self.files[(folder, path)]
        raise ImageNotFound("no such artwork file")

    async def read(self, folders: Sequence[str], path: str) -> bytes:
        self.reads += 1
        return self._found(folders, path)

    async def version(self, folders: Sequence[str], path: str) -> str:
        return hashlib.sha256(self._found(folders, path)).hexdigest()[:8]


class FakeResizer:
    """Writes down the size asked for: `<original>@<size>`; refuses b"not an image"."""

    async def resize(self, original: bytes, size: ImageSize) -> EncodedImage:
        if original == b"not an image":
            raise ImageSourceFailed("the original is not an image")
        return EncodedImage(original + b"@" + size.value.encode(), "image/jpeg")


class MemoryImageStore:
    def __init__(self) -> None:
        self.entries: dict[str, tuple[EncodedImage, str]] = {}

    async def get(self, key: str) -> tuple[EncodedImage, str] | None:
        return self.entries.get(key)

    async def put(self, key: str, image: EncodedImage) -> str:
        digest = hashlib.sha256(image.content).hexdigest()
        self.entries[key] = (image, digest)
        return digest
