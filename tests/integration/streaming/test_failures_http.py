"""A file that vanished or that ffmpeg cannot read: the session says why, the activity log has
one entry for it, and no ffmpeg stays behind."""

from __future__ import annotations

from uuid import UUID

import asyncpg

from revenge_app.playback.streaming import PLAYBACK_ERROR
from tests.integration.playback.server import PlaybackServer
from tests.integration.streaming.conftest import Media
from tests.integration.streaming.processes import until_no_ffmpeg
from tests.integration.streaming.support import SESSIONS, movie_on, started, viewers


def errors_logged(running: PlaybackServer) -> list[tuple[str, UUID | None, str | None]]:
    return [
        (event.action, event.resource_id, event.error_message)
        for event in running.activity.events
        if event.action == PLAYBACK_ERROR
    ]


async def test_a_file_ffmpeg_cannot_read_is_an_error_on_the_session_and_in_the_log(
    running: PlaybackServer, connection: asyncpg.Connection, files: Media
) -> None:
    garbage = files.mp4.parent / "garbage.mkv"
    garbage.write_bytes(b"\x1aE\xdf\xa3 not really a Matroska file " * 200)
    library, movie = await movie_on(connection, garbage)
    alice, _ = await viewers(running.server, connection, library)
    session = await started(running.server, alice, movie)
    assert "cannot read" in session["error"]
    assert "play_method" not in session
    session_id = UUID(session["session_id"])
    client = running.server.client
    master = await client.get(
        f"/api/v1/playback/stream/{session_id}/master.m3u8", headers=alice.headers
    )
    assert master.status == 422
    assert (await master.json())["error"] == "media_unreadable"
    shown = await client.get(f"{SESSIONS}/{session_id}", headers=alice.headers)
    assert (await shown.json())["error"] == session["error"]
    assert errors_logged(running) == [(PLAYBACK_ERROR, session_id, session["error"])]
    event = running.activity.events[-1]
    assert event.user_id == alice.user_id
    assert not event.success
    assert await until_no_ffmpeg() == []


async def test_a_file_that_vanished_while_playing_stops_its_ffmpeg_and_says_so(
    running: PlaybackServer, connection: asyncpg.Connection, files: Media
) -> None:
    library, movie = await movie_on(connection, files.long_hevc, "vanishing.mkv")
    alice, _ = await viewers(running.server, connection, library)
    session = await started(running.server, alice, movie)
    session_id = UUID(session["session_id"])
    base = f"/api/v1/playback/stream/{session_id}"
    client = running.server.client
    assert (await client.get(f"{base}/180p/seg-0.m4s", headers=alice.headers)).status == 200
    for path in files.long_hevc.parent.rglob("vanishing.mkv"):
        path.unlink()
    gone = await client.get(f"{base}/180p/seg-1.m4s", headers=alice.headers)
    assert gone.status == 422
    assert await until_no_ffmpeg(timeout_s=5.0) == []
    again = await client.get(f"{base}/direct", headers=alice.headers)
    assert again.status == 422
    shown = await (await client.get(f"{SESSIONS}/{session_id}", headers=alice.headers)).json()
    assert shown["error"] == "the file is gone from its library"
    assert errors_logged(running) == [(PLAYBACK_ERROR, session_id, shown["error"])]
