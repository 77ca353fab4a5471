"""Stream URLs of a playback session: master and media playlists, fMP4 segments of each
profile and audio track, WebVTT subtitles and the original file (HTTP Range, sendfile).
The session id is the capability: only its own user reaches it; every other name in the path
is matched against a fixed pattern before anything is looked up."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from pathlib import Path

from aiohttp import web

from revenge_adapters.streaming import SessionStreams
from revenge_app.http.errors import ApiError
from revenge_app.http.routes import Operations
from revenge_app.http.state import params_of, principal_of
from revenge_app.playback.container import PLAYBACK
from revenge_app.playback.original import OriginalFile
from revenge_app.playback.streaming import Streaming
from revenge_domain.playback import PlaybackUnavailable
from revenge_domain.streaming import MediaUnreadable, TranscodeLimitReached, names
from revenge_domain.streaming.hls import master_playlist, media_playlist

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
OPERATIONS = Operations()
operation = OPERATIONS.operation
STREAM = "playback:stream"
PLAYLIST_TYPE = "application/vnd.apple.mpegurl"
CONTENT_TYPES = {".m4s": "video/iso.segment", ".mp4": "video/mp4", ".vtt": "text/vtt"}


def _failures(handler: Handler) -> Handler:
    """This feature's own statuses: 503 with Retry-After over the transcode cap, 422 for a
    file that vanished or that ffmpeg cannot read."""

    @functools.wraps(handler)
    async def guarded(request: web.Request) -> web.StreamResponse:
        try:
            return await handler(request)
        except TranscodeLimitReached as exc:
            retry = {"Retry-After": str(exc.retry_after_s)}
            raise ApiError(503, exc.code, exc.message, exc.details, retry) from exc
        except PlaybackUnavailable as exc:
            raise ApiError(503, exc.code, exc.message) from exc
        except MediaUnreadable as exc:
            raise ApiError(422, exc.code, exc.message, exc.details) from exc

    return guarded


def _streaming(request: web.Request) -> Streaming:
    return request.app[PLAYBACK].streaming


async def _streams(request: web.Request) -> SessionStreams:
    session_id = params_of(request).uuid("sessionId")
    return await _streaming(request).streams(principal_of(request), session_id)


def _playlist(text: str) -> web.Response:
    return web.Response(body=text.encode(), content_type=PLAYLIST_TYPE)


def _file(path: Path) -> web.FileResponse:
    return web.FileResponse(path, headers={"Content-Type": CONTENT_TYPES[path.suffix]})


@operation("getStreamMasterPlaylist", permission=STREAM)
@_failures
async def master(request: web.Request) -> web.StreamResponse:
    streams = await _streams(request)
    return _playlist(master_playlist(streams.plan))


@operation("getStreamDirect", permission=STREAM)
@_failures
async def direct(request: web.Request) -> web.StreamResponse:
    streams = await _streams(request)
    return OriginalFile(await _streaming(request).original(streams))


@operation("getStreamSubtitles", permission=STREAM)
@_failures
async def subtitles(request: web.Request) -> web.StreamResponse:
    track = names.subtitle_number(request.match_info["subtitle"])
    streams = await _streams(request)
    return _file(await _streaming(request).subtitle(streams, track))


async def _rendition(
    request: web.Request, key: str, name: str, audio_track: int | None = None
) -> web.StreamResponse:
    """A media playlist or segment of the video profile `key`, or of `audio_track` (whose
    rendition key is `key`)."""
    number = names.segment_number(name) if name != names.INDEX else 0
    streams = await _streams(request)
    if audio_track is not None and streams.plan.audio(audio_track) is None:
        raise names.not_found("audio track")
    if audio_track is None and streams.plan.video(key) is None:
        raise names.not_found("profile")
    if name == names.INDEX:
        return _playlist(media_playlist(streams.plan.media.duration_s))
    return _file(await _streaming(request).segment(streams, key, number))


@operation("getStreamVideoFile", permission=STREAM)
@_failures
async def video_file(request: web.Request) -> web.StreamResponse:
    profile = names.profile_name(request.match_info["profile"])
    return await _rendition(request, profile, request.match_info["file"])


@operation("getStreamAudioFile", permission=STREAM)
@_failures
async def audio_file(request: web.Request) -> web.StreamResponse:
    track = names.track_number(request.match_info["track"])
    return await _rendition(request, f"audio-{track}", request.match_info["file"], track)
