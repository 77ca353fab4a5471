"""The TOTP QR code is a real PNG of the otpauth URL, about 256 pixels wide."""

from __future__ import annotations

import base64
import io

from PIL import Image

from revenge_app.http.qr import qr_png_base64

URI = "otpauth://totp/Revenge:ann?secret=JBSWY3DPEHPK3PXP&issuer=Revenge"


def test_the_qr_code_is_a_png_of_about_256_pixels() -> None:
    image = Image.open(io.BytesIO(base64.b64decode(qr_png_base64(URI))))
    assert image.format == "PNG"
    assert image.size[0] == image.size[1]
    assert 200 <= image.size[0] <= 256


def test_different_urls_give_different_codes() -> None:
    assert qr_png_base64(URI) != qr_png_base64(URI.replace("ann", "bob"))
