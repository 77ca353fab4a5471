"""Ports of the image cache: where originals come from, how they are resized, where they live."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from revenge_domain.images.model import EncodedImage, ImageSize, ProviderImage


class ImageFetcher(Protocol):
    """Originals from the providers' image hosts (and only from those)."""

    async def fetch(self, image: ProviderImage) -> bytes:
        """The original's bytes; ImageNotFound when the provider has no such file,
        ImageSourceFailed when it cannot be fetched (down, refused, too large, too slow)."""
        ...


class ArtworkFiles(Protocol):
    """Artwork files inside library folders."""

    async def read(self, folders: Sequence[str], path: str) -> bytes:
        """The file at `path` relative to the first of `folders` that has it; ImageNotFound
        when none has it or it would lie outside its folder."""
        ...

    async def version(self, folders: Sequence[str], path: str) -> str:
        """A text that changes when the file `read` would return changes (size, mtime)."""
        ...


class ImageResizer(Protocol):
    async def resize(self, original: bytes, size: ImageSize) -> EncodedImage:
        """The image fitted to `size` (never enlarged), re-encoded without metadata;
        ImageSourceFailed when `original` is not an image it accepts."""
        ...


class ImageStore(Protocol):
    """Image bytes on disk, stored once per content hash, found again by a key."""

    async def get(self, key: str) -> tuple[EncodedImage, str] | None:
        """The image stored under `key` and its content hash, or None."""
        ...

    async def put(self, key: str, image: EncodedImage) -> str:
        """Store `image` under `key`; returns its content hash."""
        ...
