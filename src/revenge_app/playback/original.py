"""The original file with HTTP Range. aiohttp's FileResponse answers Range, ETag and a
date in If-Range (with sendfile); an entity tag in If-Range is ours to check: a stale one
means the whole file, not a part of a different one."""

from __future__ import annotations

import os
from pathlib import Path

from aiohttp import hdrs, web
from aiohttp.abc import AbstractStreamWriter
from multidict import CIMultiDict


def entity_tag(path: Path) -> str:
    """The strong ETag FileResponse sends for `path` (its modification time and size)."""
    found = os.stat(path)
    return f'"{found.st_mtime_ns:x}-{found.st_size:x}"'


def _stale_if_range(request: web.BaseRequest, path: Path) -> bool:
    condition = request.headers.get(hdrs.IF_RANGE, "").strip()
    is_tag = condition.startswith(('"', "W/"))
    return is_tag and hdrs.RANGE in request.headers and condition != entity_tag(path)


class OriginalFile(web.FileResponse):
    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self._source = path

    async def prepare(self, request: web.BaseRequest) -> AbstractStreamWriter | None:
        if _stale_if_range(request, self._source):
            headers = CIMultiDict(request.headers)
            del headers[hdrs.RANGE]
            request = request.clone(headers=headers)
        return await super().prepare(request)
