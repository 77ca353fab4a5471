"""Handlers of POST /api/v1/movies/{id}/refresh and /api/v1/tvshows/{id}/refresh: queue a forced
metadata refresh and answer 202 with the job's id (the provider is called by the job).

Queuing a provider refresh changes the catalogue: `movies:update` (moderators, admins).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from uuid import UUID

from aiohttp import web

from revenge_app.http.answers import json_response
from revenge_app.http.routes import Operations
from revenge_app.http.state import params_of, principal_of
from revenge_app.metadata.container import METADATA
from revenge_domain.identity.access import Principal
from revenge_domain.metadata.refresh import RefreshRequests

OPERATIONS = Operations()
operation = OPERATIONS.operation

Queue = Callable[[RefreshRequests, Principal, UUID], Awaitable[str]]


def dashed(job_id: str) -> str:
    """Queue ids are UUIDs in hex; answers show them with dashes."""
    try:
        return str(UUID(job_id))
    except ValueError:
        return job_id


async def _queued(request: web.Request, queue: Queue) -> web.Response:
    requests = request.app[METADATA].refresh
    job_id = await queue(requests, principal_of(request), params_of(request).uuid("id"))
    body = {"message": "Metadata refresh queued", "job_id": dashed(job_id)}
    return json_response(body, status=202)


@operation("refreshMovieMetadata", permission="movies:update")
async def refresh_movie_metadata(request: web.Request) -> web.Response:
    return await _queued(request, RefreshRequests.movie)


@operation("refreshTVShowMetadata", permission="movies:update")
async def refresh_tv_show_metadata(request: web.Request) -> web.Response:
    return await _queued(request, RefreshRequests.tvshow)
