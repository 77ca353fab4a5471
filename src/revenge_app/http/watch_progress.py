"""The watch-progress routes of one kind of title (movies, episodes): read, save and forget the
caller's progress through one title. A feature answers its three operations with `add_routes`."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from aiohttp import web

from revenge_app.http.answers import json_response
from revenge_app.http.routes import Operations
from revenge_app.http.state import body_of, params_of, principal_of
from revenge_domain.watch_progress import TitleProgress

Watching = Callable[[web.Request], TitleProgress]


def add_routes(
    operations: Operations, watching: Watching, *, get: str, update: str, delete: str
) -> None:
    """Answer the operations `get`, `update` and `delete` with the use case `watching` gives."""
    operations.add(get, partial(_get, watching), permission="movies:get")
    operations.add(update, partial(_update, watching), permission="playback:progress")
    operations.add(delete, partial(_delete, watching), permission="playback:progress")


async def _get(watching: Watching, request: web.Request) -> web.Response:
    title_id = params_of(request).uuid("id")
    return json_response(await watching(request).progress(principal_of(request), title_id))


async def _update(watching: Watching, request: web.Request) -> web.Response:
    body = body_of(request)
    progress = await watching(request).update(
        principal_of(request),
        params_of(request).uuid("id"),
        body["progress_seconds"],
        body["duration_seconds"],
    )
    return json_response(progress)


async def _delete(watching: Watching, request: web.Request) -> web.Response:
    await watching(request).delete(principal_of(request), params_of(request).uuid("id"))
    return web.Response(status=204)
