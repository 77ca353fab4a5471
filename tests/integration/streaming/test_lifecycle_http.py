"""ffmpeg's life: a seek far ahead restarts it there, the transcode cap answers 503, a vanished
file is a clear error, and stop, expiry and a client gone mid-segment leave no process and no
file behind."""

from __future__ import annotations

import asyncio
import json
import os
import time
from pathlib import Path

import aiohttp
import asyncpg
import pytest

from tests.integration.app_server import Account
from tests.integration.playback.server import PlaybackServer
from tests.integration.streaming.conftest import Media
from tests.integration.streaming.processes import ffmpeg_children, files_under, until_no_ffmpeg
from tests.integration.streaming.support import SESSIONS, movie_on, started, viewers


async def session_on(
    running: PlaybackServer, connection: asyncpg.Connection, path: Path, name: str | None = None
) -> tuple[Account, str]:
    library, movie = await movie_on(connection, path, name)
    alice, _ = await viewers(running.server, connection, library)
    session = await started(running.server, alice, movie)
    return alice, f"/api/v1/playback/stream/{session['session_id']}"


def store_root(running: PlaybackServer) -> Path:
    assert running.streaming is not None
    return running.streaming.live.store.root


async def first_timestamp(init: bytes, segment: bytes, folder: Path) -> float:
    sample = folder / "sample.mp4"
    sample.write_bytes(init + segment)
    process = await asyncio.create_subprocess_exec(
        "ffprobe", "-v", "error", "-print_format", "json", "-show_entries", "packet=pts_time",
        "-read_intervals", "%+#1", str(sample), stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, _ = await asyncio.wait_for(process.communicate(), 30)
    return float(json.loads(out)["packets"][0]["pts_time"])


async def test_a_seek_to_80_percent_restarts_ffmpeg_there_with_its_timestamps(
    running: PlaybackServer, connection: asyncpg.Connection, files: Media, tmp_path: Path
) -> None:
    client = running.server.client
    alice, base = await session_on(running, connection, files.long_hevc)
    init = await client.get(f"{base}/180p/init.mp4", headers=alice.headers)
    assert init.status == 200
    began = time.monotonic()
    segment = await client.get(f"{base}/180p/seg-12.m4s", headers=alice.headers)
    took = time.monotonic() - began
    assert segment.status == 200
    assert took < 10, took
    start = await first_timestamp(await init.read(), await segment.read(), tmp_path)
    assert start == pytest.approx(48.0, abs=0.1)
    made = {path.name for path in files_under(store_root(running)) if path.suffix == ".m4s"}
    assert "seg-12.m4s" in made
    assert not {f"seg-{n}.m4s" for n in range(3, 12)} & made
    back = await client.get(f"{base}/180p/seg-1.m4s", headers=alice.headers)
    assert back.status == 200
    audio = await client.get(f"{base}/audio/0/seg-12.m4s", headers=alice.headers)
    assert audio.status == 200


async def test_over_the_transcode_cap_is_503_with_retry_after_and_copies_still_play(
    running: PlaybackServer, connection: asyncpg.Connection, files: Media
) -> None:
    client = running.server.client
    alice, first = await session_on(running, connection, files.long_hevc)
    bob, second = await session_on(running, connection, files.long_hevc)
    answers = await asyncio.gather(
        client.get(f"{first}/180p/seg-5.m4s", headers=alice.headers),
        client.get(f"{second}/180p/seg-5.m4s", headers=bob.headers),
    )
    assert sorted(answer.status for answer in answers) == [200, 503]
    refused = next(answer for answer in answers if answer.status == 503)
    assert refused.headers["Retry-After"] == "10"
    body = await refused.json()
    assert body["error"] == "transcode_limit"
    # Remuxed video and audio renditions are not transcodes of video: they are not capped.
    remux_user, remux = await session_on(running, connection, files.mkv)
    copied = await client.get(f"{remux}/original/seg-0.m4s", headers=remux_user.headers)
    assert copied.status == 200


async def test_a_vanished_file_is_a_clear_error_and_no_process_stays(
    running: PlaybackServer, connection: asyncpg.Connection, files: Media
) -> None:
    client = running.server.client
    alice, base = await session_on(running, connection, files.mkv)
    master = await client.get(f"{base}/master.m3u8", headers=alice.headers)
    assert master.status == 200
    linked = [p for p in files.mkv.parent.rglob("surround.mkv") if p != files.mkv]
    for path in linked:
        path.unlink()
    gone = await client.get(f"{base}/original/seg-0.m4s", headers=alice.headers)
    assert gone.status == 422
    assert (await gone.json())["error"] == "media_unreadable"
    direct = await client.get(f"{base}/direct", headers=alice.headers)
    assert direct.status == 422
    assert await until_no_ffmpeg() == []


async def test_a_client_gone_mid_segment_then_stop_leaves_nothing(
    running: PlaybackServer, connection: asyncpg.Connection, files: Media
) -> None:
    client = running.server.client
    alice, base = await session_on(running, connection, files.long_hevc)
    url = client.make_url(f"{base}/180p/seg-9.m4s")
    quick = aiohttp.ClientTimeout(total=0.05)
    with pytest.raises(TimeoutError):
        await client.session.get(url, headers=alice.headers, timeout=quick)
    for _ in range(50):
        if ffmpeg_children():
            break
        await asyncio.sleep(0.1)
    assert ffmpeg_children()
    session_id = base.rsplit("/", 1)[1]
    stopped = await client.delete(f"{SESSIONS}/{session_id}", headers=alice.headers)
    assert stopped.status == 204
    assert await until_no_ffmpeg() == []
    assert files_under(store_root(running)) == []


async def test_an_expired_session_loses_its_ffmpeg_and_files_to_the_sweep(
    short_lived: PlaybackServer, connection: asyncpg.Connection, files: Media
) -> None:
    client = short_lived.server.client
    alice, base = await session_on(short_lived, connection, files.long_hevc)
    assert (await client.get(f"{base}/180p/seg-0.m4s", headers=alice.headers)).status == 200
    assert await until_no_ffmpeg(timeout_s=15.0) == []
    for _ in range(100):
        if not files_under(store_root(short_lived)):
            break
        await asyncio.sleep(0.1)
    assert files_under(store_root(short_lived)) == []
    assert (await client.get(f"{base}/master.m3u8", headers=alice.headers)).status == 404


async def test_a_file_named_and_tagged_like_options_is_only_ever_a_file(
    running: PlaybackServer, connection: asyncpg.Connection, files: Media
) -> None:
    client = running.server.client
    alice, base = await session_on(running, connection, files.hostile, "-i -y.mkv")
    segment = await client.get(f"{base}/original/seg-0.m4s", headers=alice.headers)
    assert segment.status == 200, await segment.text()
    assert (await client.get(f"{base}/audio/0/seg-0.m4s", headers=alice.headers)).status == 200
    master = await client.get(f"{base}/master.m3u8", headers=alice.headers)
    assert "passwd" not in await master.text()
    assert not os.path.exists("/tmp/pwned-by-metadata")  # noqa: ASYNC240
