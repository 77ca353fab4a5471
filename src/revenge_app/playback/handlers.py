"""Handlers of /api/v1/playback/sessions: start, read, heartbeat and stop a session."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from uuid import UUID

from aiohttp import web

from revenge_app.http.answers import json_response
from revenge_app.http.errors import ApiError
from revenge_app.http.routes import Operations
from revenge_app.http.state import body_of, params_of, principal_of
from revenge_app.playback.container import PLAYBACK
from revenge_app.playback.streaming import client_profile
from revenge_domain.playback import MediaType, Playback, PlaybackUnavailable, StartRequest

OPERATIONS = Operations()
operation = OPERATIONS.operation

Handler = Callable[[web.Request], Awaitable[web.Response]]


def _playback(request: web.Request) -> Playback:
    return request.app[PLAYBACK].sessions


def _degrades(handler: Handler) -> Handler:
    """A session store that cannot be reached is a 503 of this feature, nothing more."""

    @functools.wraps(handler)
    async def guarded(request: web.Request) -> web.Response:
        try:
            return await handler(request)
        except PlaybackUnavailable as exc:
            raise ApiError(503, exc.code, exc.message) from exc

    return guarded


def _optional_uuid(value: object) -> UUID | None:
    return UUID(str(value)) if value is not None else None


@operation("startPlaybackSession", permission="playback:stream")
@_degrades
async def start_playback_session(request: web.Request) -> web.Response:
    body = body_of(request)
    agent = request.headers.get("User-Agent", "")
    start = StartRequest(
        media_type=MediaType(body["media_type"]),
        media_id=UUID(body["media_id"]),
        file_id=_optional_uuid(body.get("file_id")),
        audio_track=body.get("audio_track", 0),
        subtitle_track=body.get("subtitle_track"),
        start_position_s=body.get("start_position", 0),
        client_profile=client_profile(body.get("client_profile"), agent),
    )
    session = await _playback(request).start(principal_of(request), start)
    streaming = request.app[PLAYBACK].streaming
    if streaming is None:
        return json_response(session.view(), status=201)
    return json_response(await streaming.opened(session), status=201)


@operation("getPlaybackSession", permission="playback:stream")
@_degrades
async def get_playback_session(request: web.Request) -> web.Response:
    session_id = params_of(request).uuid("sessionId")
    session = await _playback(request).get(principal_of(request), session_id)
    streaming = request.app[PLAYBACK].streaming
    return json_response(streaming.view(session) if streaming else session.view())


@operation("stopPlaybackSession", permission="playback:stream")
@_degrades
async def stop_playback_session(request: web.Request) -> web.Response:
    session_id = params_of(request).uuid("sessionId")
    await _playback(request).stop(principal_of(request), session_id)
    streaming = request.app[PLAYBACK].streaming
    if streaming is not None:
        await streaming.closed(session_id)
    return web.Response(status=204)


# Keeping a session alive is streaming; the position becomes watch progress only for callers
# holding playback:progress.
@operation("heartbeatPlaybackSession", permission="playback:stream")
@_degrades
async def heartbeat_playback_session(request: web.Request) -> web.Response:
    body = body_of(request) or {}
    session_id = params_of(request).uuid("sessionId")
    position = body.get("position_seconds")
    await _playback(request).heartbeat(principal_of(request), session_id, position)
    return web.Response(status=204)
