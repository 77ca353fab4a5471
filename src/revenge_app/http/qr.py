"""QR codes for authenticator apps: a PNG of about 256 x 256 pixels, base64-encoded for JSON."""

from __future__ import annotations

import base64
import io

import segno

TARGET_PX = 256
BORDER = 2


def qr_png_base64(text: str) -> str:
    code = segno.make(text, error="m")
    width, _ = code.symbol_size(scale=1, border=BORDER)
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=max(1, TARGET_PX // width), border=BORDER)
    return base64.b64encode(buffer.getvalue()).decode("ascii")
