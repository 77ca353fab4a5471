"""The language a client asks catalogue texts in: the first tag of its Accept-Language."""

from __future__ import annotations

from aiohttp import web


def requested_language(request: web.Request) -> str | None:
    """`de-DE,de;q=0.9,en;q=0.8` -> `de-DE`; None without the header (the use case reduces the
    tag to its language and checks it)."""
    header = request.headers.get("Accept-Language", "")
    first = header.split(",", 1)[0].split(";", 1)[0].strip()
    return first if first and first != "*" else None
