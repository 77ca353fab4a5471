"""Avatar images checked and re-encoded with Pillow, and kept as files in a directory."""

from __future__ import annotations

import asyncio
import io
import os
import tempfile
import warnings
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from revenge_domain.errors import InvalidInput, NotFound
from revenge_domain.identity.account_ports import EncodedImage

# Pillow format name -> (MIME type, file extension).
ALLOWED_FORMATS = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
}
MAX_SIDE = 4096
AVATAR_SIDE = 512


def _refused(reason: str) -> InvalidInput:
    return InvalidInput(f"file {reason}", {"field": "file", "reason": reason})


class PillowAvatarImages:
    """Accepts JPEG, PNG and WebP up to MAX_SIDE pixels a side; scales down to AVATAR_SIDE and
    writes a new file of the same type, which drops metadata and anything hidden after it."""

    async def normalise(self, data: bytes) -> EncodedImage:
        return await asyncio.to_thread(self._normalise, data)

    def _normalise(self, data: bytes) -> EncodedImage:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                image = Image.open(io.BytesIO(data), formats=list(ALLOWED_FORMATS))
                if max(image.size) > MAX_SIDE:
                    raise _refused(f"must be at most {MAX_SIDE} pixels wide and high")
                image.load()
        except InvalidInput:
            raise
        except (
            UnidentifiedImageError,
            Image.DecompressionBombError,
            Image.DecompressionBombWarning,
        ):
            raise _refused("must be a JPEG, PNG or WebP image") from None
        except (OSError, ValueError, SyntaxError):
            raise _refused("is a damaged image") from None
        return self._encoded(image)

    def _encoded(self, image: Image.Image) -> EncodedImage:
        kind = str(image.format)
        mime_type, extension = ALLOWED_FORMATS[kind]
        if getattr(image, "n_frames", 1) > 1:
            image.seek(0)  # animated avatars become their first frame
        has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
        image = image.convert("RGBA" if has_alpha and kind != "JPEG" else "RGB")
        image.thumbnail((AVATAR_SIDE, AVATAR_SIDE))
        out = io.BytesIO()
        image.save(out, format=kind, **({"quality": 90} if kind != "PNG" else {}))
        return EncodedImage(out.getvalue(), mime_type, extension, image.width, image.height)


class LocalAvatarFiles:
    """Files under one directory; paths are relative to it and never leave it."""

    def __init__(self, root: Path) -> None:
        self._root = root.resolve()

    async def write(self, relative_path: str, content: bytes) -> None:
        await asyncio.to_thread(self._write, self._path(relative_path), content)

    async def read(self, relative_path: str) -> bytes:
        try:
            return await asyncio.to_thread(self._path(relative_path).read_bytes)
        except FileNotFoundError:
            raise NotFound("the avatar file is missing") from None

    def _path(self, relative_path: str) -> Path:
        path = (self._root / relative_path).resolve()
        if not path.is_relative_to(self._root):
            raise InvalidInput("avatar path leaves the avatar directory")
        return path

    @staticmethod
    def _write(path: Path, content: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename, so a reader never sees half a file.
        fd, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
        with os.fdopen(fd, "wb") as out:
            out.write(content)
        os.replace(temporary, path)
