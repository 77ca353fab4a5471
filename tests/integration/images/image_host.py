"""A stand-in for a provider's image host (TMDb's layout: /t/p/original/<file>), counting
every request it gets."""

from __future__ import annotations

import asyncio
import collections
import contextlib
from collections.abc import AsyncIterator

import attrs
from aiohttp import web
from aiohttp.test_utils import TestServer
from aiohttp.typedefs import Handler

from tests.unit.images.pictures import picture

ORIGINALS = "/t/p/original"
HUGE_BYTES = 2 * 1024 * 1024


@attrs.define
class ImageHost:
    server: TestServer
    files: dict[str, tuple[bytes, str]]
    hits: collections.Counter[str]
    redirect_to: str = ""  # where /elsewhere.jpg sends clients

    def base_url(self, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.server.port}{ORIGINALS}"

    @property
    def total_hits(self) -> int:
        return sum(self.hits.values())


def _handler(host: ImageHost) -> Handler:
    async def original(request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        host.hits[name] += 1
        if name == "moved.jpg":
            raise web.HTTPFound(f"{ORIGINALS}/poster.jpg")
        if name == "elsewhere.jpg":
            raise web.HTTPFound(host.redirect_to)
        if name == "slow.jpg":
            await asyncio.sleep(10)
        if name == "broken.jpg":
            raise web.HTTPInternalServerError()
        if name == "huge.jpg":
            return await _stream(request, HUGE_BYTES)
        if name not in host.files:
            raise web.HTTPNotFound()
        body, content_type = host.files[name]
        return web.Response(body=body, content_type=content_type)

    return original


async def _stream(request: web.Request, size: int) -> web.StreamResponse:
    """A body with no declared length, so only counting the bytes can stop it."""
    response = web.StreamResponse(headers={"Content-Type": "image/jpeg"})
    response.enable_chunked_encoding()
    await response.prepare(request)
    chunk = b"\xff" * 65536
    for _ in range(size // len(chunk)):
        await response.write(chunk)
    await response.write_eof()
    return response


@contextlib.asynccontextmanager
async def image_host() -> AsyncIterator[ImageHost]:
    files = {
        "poster.jpg": (picture(1000, 1500), "image/jpeg"),
        "backdrop.png": (picture(1920, 1080, "PNG", mode="RGBA"), "image/png"),
        "small.jpg": (picture(120, 180), "image/jpeg"),
        "page.jpg": (b"<html>not an image</html>", "text/html"),
    }
    app = web.Application()
    host = ImageHost(TestServer(app, host="127.0.0.1"), files, collections.Counter())
    app.router.add_get(ORIGINALS + "/{name}", _handler(host))
    await host.server.start_server()
    try:
        yield host
    finally:
        await host.server.close()
