"""Real image bytes made with Pillow, for tests."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image


def picture(
    width: int, height: int, kind: str = "JPEG", mode: str = "RGB", **save: object
) -> bytes:
    image = Image.new(mode, (width, height), (200, 30, 30, 128)[: len(mode)] if mode != "L" else 90)
    out = io.BytesIO()
    image.save(out, format=kind, **save)
    return out.getvalue()


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def png_claiming(width: int, height: int) -> bytes:
    """A small PNG whose header claims `width` x `height` pixels (a decompression bomb)."""
    data = bytearray(picture(1, 1, "PNG"))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    start = 8 + 8  # signature, then IHDR length and type
    data[start : start + 13] = header
    data[start + 13 : start + 17] = struct.pack(">I", zlib.crc32(b"IHDR" + header))
    return bytes(data)
