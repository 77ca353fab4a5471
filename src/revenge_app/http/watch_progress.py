"""The watch-progress routes of one title (a movie, an episode): read, save and forget it."""

from __future__ import annotations

from aiohttp import web

from revenge_app.http.answers import json_response
from revenge_app.http.state import body_of, params_of, principal_of
from revenge_domain.watch_progress import TitleProgress


async def get_progress(request: web.Request, watching: TitleProgress) -> web.Response:
    title_id = params_of(request).uuid("id")
    return json_response(await watching.progress(principal_of(request), title_id))


async def update_progress(request: web.Request, watching: TitleProgress) -> web.Response:
    body = body_of(request)
    progress = await watching.update(
        principal_of(request),
        params_of(request).uuid("id"),
        body["progress_seconds"],
        body["duration_seconds"],
    )
    return json_response(progress)


async def delete_progress(request: web.Request, watching: TitleProgress) -> web.Response:
    await watching.delete(principal_of(request), params_of(request).uuid("id"))
    return web.Response(status=204)
