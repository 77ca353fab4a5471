"""Image cache adapters: provider image hosts over HTTP, library artwork files, Pillow, disk."""

from revenge_adapters.images.artwork import LibraryArtworkFiles
from revenge_adapters.images.fetcher import HttpImageFetcher
from revenge_adapters.images.resizer import PillowImageResizer
from revenge_adapters.images.store import DiskImageStore

__all__ = [
    "DiskImageStore",
    "HttpImageFetcher",
    "LibraryArtworkFiles",
    "PillowImageResizer",
]
