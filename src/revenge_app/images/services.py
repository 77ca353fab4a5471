"""What the image handlers read from the app."""

from __future__ import annotations

from aiohttp import web

from revenge_domain.images import ImageCache

IMAGES = web.AppKey("images", ImageCache)
