"""Artwork resized and re-encoded with Pillow, in a worker thread.

JPEG, PNG and WebP stay what they were (GIF becomes PNG, its first frame); the new file
carries the pixels and the colour profile only, so EXIF (camera, GPS) and anything hidden after
the image data are gone. Images with more pixels than `max_pixels` are refused before decoding.
"""

from __future__ import annotations

import asyncio
import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from revenge_domain.images import EncodedImage, ImageSize, ImageSourceFailed

# Pillow format read -> (format written, MIME type).
OUTPUT = {
    "JPEG": ("JPEG", "image/jpeg"),
    "PNG": ("PNG", "image/png"),
    "WEBP": ("WEBP", "image/webp"),
    "GIF": ("PNG", "image/png"),
}
MAX_PIXELS = 50_000_000  # a 4:3 image of about 8200 x 6100; TMDb originals stay far below
_SAVE_OPTIONS: dict[str, dict[str, object]] = {
    "JPEG": {"quality": 88},
    "WEBP": {"quality": 85},
    "PNG": {},
}


def fitted(width: int, height: int, size: ImageSize) -> tuple[int, int]:
    """The dimensions of an image of `width` x `height` fitted to `size`, never enlarged."""
    if size.width is not None and width > size.width:
        return size.width, max(1, round(height * size.width / width))
    if size.height is not None and height > size.height:
        return max(1, round(width * size.height / height)), size.height
    return width, height


class PillowImageResizer:
    """The ImageResizer port with Pillow."""

    def __init__(self, max_pixels: int = MAX_PIXELS) -> None:
        self._max_pixels = max_pixels

    async def resize(self, original: bytes, size: ImageSize) -> EncodedImage:
        return await asyncio.to_thread(self._resize, original, size)

    def _resize(self, original: bytes, size: ImageSize) -> EncodedImage:
        image = self._opened(original)
        written, mime_type = OUTPUT[str(image.format)]
        icc_profile = image.info.get("icc_profile")
        image = ImageOps.exif_transpose(image)
        has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
        image = image.convert("RGBA" if has_alpha and written != "JPEG" else "RGB")
        dimensions = fitted(image.width, image.height, size)
        if dimensions != image.size:
            image = image.resize(dimensions, Image.Resampling.LANCZOS)
        out = io.BytesIO()
        extra = {"icc_profile": icc_profile} if icc_profile else {}
        image.save(out, format=written, **_SAVE_OPTIONS[written], **extra)
        return EncodedImage(out.getvalue(), mime_type)

    def _opened(self, original: bytes) -> Image.Image:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                image = Image.open(io.BytesIO(original), formats=list(OUTPUT))
                if image.width * image.height > self._max_pixels:
                    raise ImageSourceFailed("the image has too many pixels")
                if getattr(image, "n_frames", 1) > 1:
                    image.seek(0)
                image.load()
        except ImageSourceFailed:
            raise
        except (UnidentifiedImageError, Image.DecompressionBombError, Warning):
            raise ImageSourceFailed("the original is not a JPEG, PNG, WebP or GIF image") from None
        except (OSError, ValueError, SyntaxError):
            raise ImageSourceFailed("the original is a damaged image") from None
        return image
