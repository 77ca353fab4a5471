"""Serving artwork through the disk cache, and warming that cache ahead of clients."""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Iterable

import attrs

from revenge_domain.errors import InvalidInput
from revenge_domain.images.model import (
    EncodedImage,
    ImageNotFound,
    ImageSize,
    ImageSource,
    ImageType,
    LocalImage,
    ServedImage,
    parse_image_path,
    parse_size,
)
from revenge_domain.images.ports import ArtworkFiles, ImageFetcher, ImageResizer, ImageStore
from revenge_domain.libraries.ports import LibraryStore

# The sizes clients ask for most, made when a refresh brings new artwork.
WARMED_SIZES: dict[ImageType, tuple[ImageSize, ...]] = {
    ImageType.POSTER: (ImageSize.W185, ImageSize.W342, ImageSize.W500),
    ImageType.BACKDROP: (ImageSize.W780, ImageSize.W1280),
    ImageType.PROFILE: (ImageSize.W185, ImageSize.H632),
    ImageType.LOGO: (ImageSize.ORIGINAL,),
}
# Jobs also name episode stills; they are landscape frames, sized like backdrops.
_JOB_TYPES = {"still": ImageType.BACKDROP} | {kind.value: kind for kind in ImageType}


@attrs.define
class ImageCache:
    """Artwork by (type, size, path): from the disk cache when it is there, otherwise the
    original is fetched (provider host or library folder), resized and stored first."""

    store: ImageStore
    fetcher: ImageFetcher
    artwork: ArtworkFiles
    resizer: ImageResizer
    libraries: LibraryStore
    _busy: weakref.WeakValueDictionary[str, asyncio.Lock] = attrs.field(
        init=False, factory=weakref.WeakValueDictionary
    )

    async def serve(self, kind: ImageType, size: ImageSize, path: str) -> ServedImage:
        """The image; InvalidImagePath, ImageNotFound or ImageSourceFailed otherwise."""
        source = parse_image_path(path)
        folders = await self._folders(source)
        key = f"{kind.value}/{size.value}/{await self._source_key(source, folders)}"
        found = await self.store.get(key)
        if found is None:
            # One fetch per key at a time: whoever waited finds it stored.
            lock = self._busy.setdefault(key, asyncio.Lock())
            async with lock:
                found = await self.store.get(key) or await self._make(key, size, source, folders)
        image, digest = found
        return ServedImage(image.content, image.content_type, f'"{digest}"')

    async def warm(self, image_type: str, path: str, sizes: Iterable[str] = ()) -> None:
        """Store the original and the usual sizes of this type (plus `sizes`) ahead of
        clients; an empty path is nothing to do."""
        if not path:
            return
        kind = _JOB_TYPES.get(image_type)
        if kind is None:
            raise InvalidInput(f"unknown image type {image_type!r}", {"field": "image_type"})
        wanted = dict.fromkeys([*WARMED_SIZES[kind], *(parse_size(size) for size in sizes)])
        for size in wanted:
            await self.serve(kind, size, path)

    async def _make(
        self, key: str, size: ImageSize, source: ImageSource, folders: tuple[str, ...]
    ) -> tuple[EncodedImage, str]:
        original = await self._original(source, folders)
        resized = await self.resizer.resize(original, size)
        return resized, await self.store.put(key, resized)

    async def _original(self, source: ImageSource, folders: tuple[str, ...]) -> bytes:
        if isinstance(source, LocalImage):
            return await self.artwork.read(folders, source.path)
        key = f"original/{source.provider.value}/{source.path}"
        kept = await self.store.get(key)
        if kept is not None:
            return kept[0].content
        content = await self.fetcher.fetch(source)
        await self.store.put(key, EncodedImage(content, "application/octet-stream"))
        return content

    async def _folders(self, source: ImageSource) -> tuple[str, ...]:
        if not isinstance(source, LocalImage):
            return ()
        library = await self.libraries.get(source.library_id)
        if library is None:
            raise ImageNotFound("no such library")
        return library.settings.paths

    async def _source_key(self, source: ImageSource, folders: tuple[str, ...]) -> str:
        if isinstance(source, LocalImage):
            # A replaced file is a new image: its version is part of the key.
            version = await self.artwork.version(folders, source.path)
            return f"local/{source.library_id}/{source.path}@{version}"
        return f"{source.provider.value}/{source.path}"
