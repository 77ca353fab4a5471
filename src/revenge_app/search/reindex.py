"""Handlers of /api/v1/search/reindex and /api/v1/search/tvshows/reindex (admins): queue a full
rebuild of the search collections and answer 202 with the job's id."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from uuid import UUID

from aiohttp import web

from revenge_app.http.answers import json_response
from revenge_app.http.errors import available
from revenge_app.http.routes import Operations
from revenge_app.search.container import SEARCH
from revenge_domain.search.reindexing import RequestReindex

OPERATIONS = Operations()
operation = OPERATIONS.operation


def _job_id(raw: str) -> str:
    """Queue ids are UUIDs in hex; the contract shows them with dashes."""
    try:
        return str(UUID(raw))
    except ValueError:
        return raw


async def _started(
    request: web.Request, start: Callable[[RequestReindex], Awaitable[str]], message: str
) -> web.Response:
    job_id = await start(available(request.app[SEARCH].reindex))
    return json_response({"message": message, "job_id": _job_id(job_id)}, status=202)


@operation("reindexSearch", permission="admin:*")
async def reindex_search(request: web.Request) -> web.Response:
    return await _started(request, RequestReindex.everything, "Reindex job started")


@operation("reindexTVShowSearch", permission="admin:*")
async def reindex_tv_show_search(request: web.Request) -> web.Response:
    return await _started(request, RequestReindex.tvshows, "TV show reindex job started")
