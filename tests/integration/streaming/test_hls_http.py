"""HLS through the real app: remux what fits, transcode only what does not, one rendition per
audio track, WebVTT subtitles; ffprobe reads the master playlist over HTTP."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import asyncpg
import pytest

from tests.integration.app_server import Account
from tests.integration.playback.server import PlaybackServer
from tests.integration.streaming.conftest import Media
from tests.integration.streaming.processes import files_under, until_no_ffmpeg
from tests.integration.streaming.support import SESSIONS, movie_on, started, viewers


async def ffprobe_over_http(running: PlaybackServer, url: str, account: Account) -> Any:
    """What ffprobe finds behind `url` (with the account's credentials on every request)."""
    token = account.headers["Authorization"]
    process = await asyncio.create_subprocess_exec(
        "ffprobe", "-v", "error", "-headers", f"Authorization: {token}\r\n",
        "-print_format", "json", "-show_streams", "-show_format",
        str(running.server.client.make_url(url)),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode == 0, err.decode()
    return json.loads(out)


def streams_of(found: Any) -> list[tuple[str, str]]:
    return sorted((s["codec_type"], s["codec_name"]) for s in found["streams"])


async def test_mkv_remuxes_h264_and_transcodes_ac3_and_dts_for_a_browser(
    running: PlaybackServer, connection: asyncpg.Connection, files: Media
) -> None:
    server = running.server
    library, movie = await movie_on(connection, files.mkv)
    alice, _ = await viewers(server, connection, library)
    session = await started(server, alice, movie)
    assert [(p["name"], p["is_original"]) for p in session["profiles"]] == [("original", True)]
    assert session["play_method"] == "transcode"
    assert "direct_url" not in session
    tracks = [(t["language"], t["codec"], t["channels"]) for t in session["audio_tracks"]]
    assert tracks == [("eng", "aac", 2), ("deu", "aac", 1)]

    found = await ffprobe_over_http(running, session["master_playlist_url"], alice)
    assert streams_of(found) == [("audio", "aac"), ("audio", "aac"), ("video", "h264")]
    assert float(found["format"]["duration"]) == pytest.approx(10.0, abs=0.7)
    master = await server.client.get(session["master_playlist_url"], headers=alice.headers)
    text = await master.text()
    assert master.headers["Content-Type"] == "application/vnd.apple.mpegurl"
    assert 'CODECS="avc1.42001e,mp4a.40.2",RESOLUTION=320x180' in text
    assert text.count("TYPE=AUDIO") == 2

    path = f"{SESSIONS}/{session['session_id']}"
    assert (await server.client.delete(path, headers=alice.headers)).status == 204
    assert await until_no_ffmpeg() == []
    assert files_under(running.streaming.live.store.root) == []  # type: ignore[union-attr]


async def test_hevc_10_bit_is_transcoded_and_its_srt_served_as_webvtt(
    running: PlaybackServer, connection: asyncpg.Connection, files: Media
) -> None:
    server = running.server
    library, movie = await movie_on(connection, files.hevc)
    alice, _ = await viewers(server, connection, library)
    session = await started(server, alice, movie)
    assert [(p["name"], p["is_original"], p["height"]) for p in session["profiles"]] == [
        ("180p", False, 180)
    ]
    subtitle = session["subtitle_tracks"][0]
    assert (subtitle["language"], subtitle["codec"]) == ("eng", "webvtt")

    vtt = await server.client.get(subtitle["url"], headers=alice.headers)
    assert vtt.status == 200
    assert vtt.headers["Content-Type"].startswith("text/vtt")
    text = await vtt.text()
    assert text.startswith("WEBVTT")
    assert "Hello there" in text

    found = await ffprobe_over_http(running, session["master_playlist_url"], alice)
    assert streams_of(found) == [("audio", "aac"), ("video", "h264")]
    video = next(s for s in found["streams"] if s["codec_type"] == "video")
    assert (video["width"], video["height"], video["pix_fmt"]) == (320, 180, "yuv420p")
    assert float(found["format"]["duration"]) == pytest.approx(10.0, abs=0.7)
    path = f"{SESSIONS}/{session['session_id']}"
    assert (await server.client.delete(path, headers=alice.headers)).status == 204
    assert await until_no_ffmpeg() == []


async def test_a_pgs_track_is_listed_as_not_convertible(
    running: PlaybackServer, connection: asyncpg.Connection, files: Media
) -> None:
    server = running.server
    library, movie = await movie_on(connection, files.pgs)
    alice, _ = await viewers(server, connection, library)
    session = await started(server, alice, movie)
    assert session["subtitle_tracks"] == [
        {
            "index": 0,
            "language": "fra",
            "codec": "hdmv_pgs_subtitle",
            "url": "",
            "is_forced": False,
        }
    ]
    base = f"/api/v1/playback/stream/{session['session_id']}"
    assert (await server.client.get(f"{base}/subs/0.vtt", headers=alice.headers)).status == 404
    master = await server.client.get(session["master_playlist_url"], headers=alice.headers)
    assert master.status == 200
