"""Artwork served in the sizes clients ask for, from provider hosts and library folders,
through an on-disk cache."""

from revenge_domain.images.cases import WARMED_SIZES, ImageCache
from revenge_domain.images.model import (
    EncodedImage,
    ImageNotFound,
    ImageSize,
    ImageSource,
    ImageSourceFailed,
    ImageType,
    InvalidImagePath,
    LocalImage,
    Provider,
    ProviderImage,
    ServedImage,
    local_image_path,
    parse_image_path,
    parse_size,
    parse_type,
)
from revenge_domain.images.ports import ArtworkFiles, ImageFetcher, ImageResizer, ImageStore

__all__ = [
    "WARMED_SIZES",
    "ArtworkFiles",
    "EncodedImage",
    "ImageCache",
    "ImageFetcher",
    "ImageNotFound",
    "ImageResizer",
    "ImageSize",
    "ImageSource",
    "ImageSourceFailed",
    "ImageStore",
    "ImageType",
    "InvalidImagePath",
    "LocalImage",
    "Provider",
    "ProviderImage",
    "ServedImage",
    "local_image_path",
    "parse_image_path",
    "parse_size",
    "parse_type",
]
