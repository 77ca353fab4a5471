"""Direct play: the original file with HTTP Range, for the session's own user only."""

from __future__ import annotations

import asyncpg
import pytest
from yarl import URL

from tests.integration.playback.server import PlaybackServer
from tests.integration.streaming.conftest import Media
from tests.integration.streaming.support import movie_on, started, viewers


async def test_h264_aac_mp4_plays_directly_with_ranges(
    running: PlaybackServer, connection: asyncpg.Connection, files: Media
) -> None:
    server = running.server
    library, movie = await movie_on(connection, files.mp4)
    alice, _ = await viewers(server, connection, library)
    session = await started(server, alice, movie)
    assert session["duration_seconds"] == pytest.approx(10.0, abs=0.2)
    assert [p["name"] for p in session["profiles"]] == ["original"]
    assert session["play_method"] == "direct"
    assert session["direct_url"] == f"/api/v1/playback/stream/{session['session_id']}/direct"
    assert session["profiles"][0]["is_original"]
    assert [(t["codec"], t["channels"]) for t in session["audio_tracks"]] == [("aac", 2)]
    direct = f"/api/v1/playback/stream/{session['session_id']}/direct"
    body = files.mp4.read_bytes()

    whole = await server.client.get(direct, headers=alice.headers)
    assert whole.status == 200
    assert whole.headers["Accept-Ranges"] == "bytes"
    assert await whole.read() == body
    etag = whole.headers["ETag"]

    part = await server.client.get(direct, headers={**alice.headers, "Range": "bytes=100-1099"})
    assert part.status == 206
    assert part.headers["Content-Range"] == f"bytes 100-1099/{len(body)}"
    assert await part.read() == body[100:1100]
    tail = await server.client.get(direct, headers={**alice.headers, "Range": "bytes=-10"})
    assert await tail.read() == body[-10:]

    past = f"bytes={len(body) + 10}-"
    beyond = await server.client.get(direct, headers={**alice.headers, "Range": past})
    assert beyond.status == 416

    same = {**alice.headers, "Range": "bytes=0-9", "If-Range": etag}
    assert (await server.client.get(direct, headers=same)).status == 206
    stale = {**alice.headers, "Range": "bytes=0-9", "If-Range": '"not-the-same"'}
    changed = await server.client.get(direct, headers=stale)
    assert changed.status == 200
    assert len(await changed.read()) == len(body)


HOSTILE = [
    "..%5C..%5C..%5Cetc%5Cpasswd",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "%252e%252e%252fetc%252fpasswd",
    "original/..%5C..%5Cinit.mp4",
    "original/%2e%2e%2finit.mp4",
    "audio/..%2f0/index.m3u8",
    "audio/0/..%5Cinit.mp4",
    "subs/..%2f0.vtt",
    "subs/0.vtt%252f..",
    "1080p/index.m3u8",
    "original/seg-99.m4s",
    "audio/7/index.m3u8",
    "subs/0.vtt",
]


async def test_other_users_and_hostile_names_are_not_found(
    running: PlaybackServer, connection: asyncpg.Connection, files: Media
) -> None:
    server = running.server
    library, movie = await movie_on(connection, files.mp4)
    alice, bob = await viewers(server, connection, library)
    session = await started(server, alice, movie)
    base = f"/api/v1/playback/stream/{session['session_id']}"
    for name in ("master.m3u8", "direct", "original/index.m3u8"):
        assert (await server.client.get(f"{base}/{name}", headers=bob.headers)).status == 404
        assert (await server.client.get(f"{base}/{name}")).status == 401
        assert (await server.client.get(f"{base}/{name}", headers=alice.headers)).status == 200
    for name in HOSTILE:
        url = server.client.make_url("/").join(URL(f"{base}/{name}", encoded=True))
        response = await server.client.session.get(url, headers=alice.headers)
        assert response.status == 404, name
    # A NUL in any path parameter is refused by validation before a handler runs.
    nul = server.client.make_url("/").join(URL(f"{base}/original/seg-0.m4s%00", encoded=True))
    refused = await server.client.session.get(nul, headers=alice.headers)
    assert refused.status == 400
    assert (await refused.json())["error"] == "invalid_parameter"
