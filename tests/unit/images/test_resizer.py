"""The Pillow resizer: fitted sizes, never enlarged, formats kept, metadata gone, bombs refused."""

from __future__ import annotations

import pytest
from PIL import Image

from revenge_adapters.images import PillowImageResizer
from revenge_adapters.images.resizer import fitted
from revenge_domain.images import ImageSize, ImageSourceFailed
from tests.unit.images.pictures import opened, picture, png_claiming


@pytest.mark.parametrize(
    ("size", "source", "expected"),
    [
        (ImageSize.W342, (1000, 1500), (342, 513)),
        (ImageSize.W1280, (3840, 2160), (1280, 720)),
        (ImageSize.H632, (1000, 1500), (421, 632)),
        (ImageSize.W45, (1000, 1500), (45, 68)),
        (ImageSize.W500, (300, 450), (300, 450)),  # never enlarged
        (ImageSize.H632, (400, 600), (400, 600)),
        (ImageSize.ORIGINAL, (4000, 6000), (4000, 6000)),
    ],
)
def test_fitted_dimensions(
    size: ImageSize, source: tuple[int, int], expected: tuple[int, int]
) -> None:
    assert fitted(*source, size) == expected


async def test_a_jpeg_is_resized_and_stays_a_jpeg() -> None:
    resized = await PillowImageResizer().resize(picture(1000, 1500), ImageSize.W342)
    assert resized.content_type == "image/jpeg"
    image = opened(resized.content)
    assert (image.format, image.size) == ("JPEG", (342, 513))


@pytest.mark.parametrize(("kind", "mime"), [("PNG", "image/png"), ("WEBP", "image/webp")])
async def test_png_and_webp_keep_their_format_and_transparency(kind: str, mime: str) -> None:
    original = picture(800, 400, kind, mode="RGBA")
    resized = await PillowImageResizer().resize(original, ImageSize.W300)
    image = opened(resized.content)
    assert (resized.content_type, image.format, image.size) == (mime, kind, (300, 150))
    assert image.mode == "RGBA"


async def test_a_gif_becomes_a_png() -> None:
    resized = await PillowImageResizer().resize(picture(100, 100, "GIF", mode="P"), ImageSize.W45)
    assert resized.content_type == "image/png"
    assert opened(resized.content).size == (45, 45)


async def test_exif_is_stripped_and_orientation_applied() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated: shown 90 degrees clockwise
    exif[0x010F] = "Camera maker"
    original = picture(600, 300, exif=exif.tobytes())
    resized = await PillowImageResizer().resize(original, ImageSize.ORIGINAL)
    image = opened(resized.content)
    assert image.size == (300, 600)
    assert dict(image.getexif()) == {}
    assert b"Camera maker" not in resized.content


async def test_trailing_bytes_after_the_image_are_dropped() -> None:
    original = picture(100, 100) + b"<script>alert(1)</script>"
    resized = await PillowImageResizer().resize(original, ImageSize.ORIGINAL)
    assert b"<script>" not in resized.content


async def test_a_decompression_bomb_is_refused_before_decoding() -> None:
    with pytest.raises(ImageSourceFailed, match="too many pixels"):
        await PillowImageResizer().resize(png_claiming(8_000, 8_000), ImageSize.W342)


async def test_pillow_own_bomb_limit_is_refused_too() -> None:
    resizer = PillowImageResizer(max_pixels=10**12)
    with pytest.raises(ImageSourceFailed):
        await resizer.resize(png_claiming(100_000, 100_000), ImageSize.W342)


@pytest.mark.parametrize(
    "original",
    [b"", b"<svg xmlns='http://www.w3.org/2000/svg'/>", b"GIF89a broken", picture(50, 50, "BMP")],
)
async def test_what_is_not_a_jpeg_png_webp_or_gif_is_refused(original: bytes) -> None:
    with pytest.raises(ImageSourceFailed):
        await PillowImageResizer().resize(original, ImageSize.W342)


async def test_a_truncated_image_is_refused() -> None:
    with pytest.raises(ImageSourceFailed):
        await PillowImageResizer().resize(picture(400, 400)[:500], ImageSize.W185)
