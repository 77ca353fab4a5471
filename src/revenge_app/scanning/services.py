"""What the scanning handlers read from the app."""

from __future__ import annotations

from aiohttp import web

from revenge_domain.scanning import LibraryScans

SCANS = web.AppKey("scans", LibraryScans)
