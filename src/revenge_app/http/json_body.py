"""JSON answers encoded with orjson: catalogue pages are large and read on most requests."""

from __future__ import annotations

from typing import Any

import orjson
from aiohttp import web


def json_response(body: Any, status: int = 200) -> web.Response:
    """`body` as an application/json response (what `web.json_response` does, faster)."""
    encoded = orjson.dumps(body, option=orjson.OPT_NON_STR_KEYS)
    return web.Response(
        body=encoded, status=status, content_type="application/json", charset="utf-8"
    )
