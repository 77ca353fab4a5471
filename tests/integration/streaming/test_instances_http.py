"""Several server instances on one Redis: a session ends everywhere at once (stopped on one
instance, or expired by the cleanup job of a worker), and every instance plans a session as it
was started, whatever the User-Agent of the request that reaches it."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from uuid import UUID

import asyncpg
import attrs
import pytest

from revenge_adapters.jobs.handlers import JobHandlers
from revenge_adapters.jobs.runner import Outcome
from revenge_app.config import Config
from revenge_app.playback.jobs import register_playback_jobs
from revenge_domain.playback import PlaybackCleanup
from revenge_domain.playback.cases import utc_now
from tests.integration.playback.server import PlaybackServer
from tests.integration.streaming.conftest import Media, config_of, streaming_server
from tests.integration.streaming.processes import ffmpeg_children, files_under, until_no_ffmpeg
from tests.integration.streaming.support import SESSIONS, movie_on, started, viewers
from tests.unit.fakes.jobs import FakeJobQueue

SAFARI = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari"
# Long enough that only the event bus, never the in-process sweep, can end the streams.
NO_SWEEP_S = 3600.0


def _config(config: Config, folder: Path) -> Config:
    config = config_of(config, folder, 60.0)
    return attrs.evolve(
        config, streaming=attrs.evolve(config.streaming, sweep_interval_s=NO_SWEEP_S)
    )


@pytest.fixture
async def instances(
    config: Config, tmp_path: Path
) -> AsyncIterator[tuple[PlaybackServer, PlaybackServer]]:
    async with contextlib.AsyncExitStack() as stack:
        pair = [
            await stack.enter_async_context(streaming_server(_config(config, tmp_path / name)))
            for name in ("a", "b")
        ]
        yield pair[0], pair[1]


async def test_an_expiry_by_the_cleanup_job_stops_ffmpeg_at_once(
    instances: tuple[PlaybackServer, PlaybackServer],
    connection: asyncpg.Connection,
    files: Media,
) -> None:
    first, _ = instances
    client = first.server.client
    library, movie = await movie_on(connection, files.long_hevc)
    alice, _ = await viewers(first.server, connection, library)
    session = await started(first.server, alice, movie)
    base = f"/api/v1/playback/stream/{session['session_id']}"
    assert (await client.get(f"{base}/180p/seg-0.m4s", headers=alice.headers)).status == 200
    assert ffmpeg_children()
    # A worker whose clock is past the session's end, publishing on its own bus.
    assert first.streaming is not None
    worker = attrs.evolve(
        first.streaming.playback,
        events=first.other_instance,
        clock=lambda: utc_now() + timedelta(hours=1),
    )
    handlers = JobHandlers()
    register_playback_jobs(handlers, worker)
    queue = FakeJobQueue(handlers)
    await queue.enqueue(PlaybackCleanup())
    assert queue.outcomes[-1][1] is Outcome.SUCCEEDED
    assert await until_no_ffmpeg() == []
    assert first.streaming.live.get(UUID(session["session_id"])) is None
    assert files_under(first.streaming.live.store.root) == []


async def test_a_stop_on_one_instance_ends_the_streams_of_another_at_once(
    instances: tuple[PlaybackServer, PlaybackServer],
    connection: asyncpg.Connection,
    files: Media,
) -> None:
    first, second = instances
    library, movie = await movie_on(connection, files.mp4)
    alice, bob = await viewers(first.server, connection, library)
    session = await started(first.server, alice, movie)
    direct = f"/api/v1/playback/stream/{session['session_id']}/direct"
    other = second.server.client
    assert (await other.get(direct, headers=alice.headers)).status == 200
    assert (await other.get(direct, headers=alice.headers)).status == 200  # trusted now
    assert (await other.get(direct, headers=bob.headers)).status == 404
    stop = f"{SESSIONS}/{session['session_id']}"
    assert (await first.server.client.delete(stop, headers=alice.headers)).status == 204
    assert second.streaming is not None
    for _ in range(50):
        if second.streaming.live.get(UUID(session["session_id"])) is None:
            break
        await asyncio.sleep(0.1)
    assert second.streaming.live.get(UUID(session["session_id"])) is None
    assert (await other.get(direct, headers=alice.headers)).status == 404


async def test_every_instance_plans_the_session_as_it_was_started(
    instances: tuple[PlaybackServer, PlaybackServer],
    connection: asyncpg.Connection,
    files: Media,
) -> None:
    first, second = instances
    library, movie = await movie_on(connection, files.mp4)
    alice, _ = await viewers(first.server, connection, library)
    small = {"video_codecs": ["h264"], "audio_codecs": ["aac"], "max_height": 120}
    session = await started(first.server, alice, movie, small)
    assert session["play_method"] == "transcode"
    master = f"/api/v1/playback/stream/{session['session_id']}/master.m3u8"
    here = await first.server.client.get(master, headers=alice.headers)
    there = await second.server.client.get(master, headers={**alice.headers, "User-Agent": SAFARI})
    assert here.status == there.status == 200
    assert await there.text() == await here.text()
    assert second.streaming is not None
    planned = second.streaming.live.get(UUID(session["session_id"]))
    assert planned is not None
    assert planned.plan.method.value == "transcode"


async def test_signing_out_on_one_instance_closes_the_stream_urls_of_another(
    instances: tuple[PlaybackServer, PlaybackServer],
    connection: asyncpg.Connection,
    files: Media,
) -> None:
    first, second = instances
    library, movie = await movie_on(connection, files.mp4)
    alice, _ = await viewers(first.server, connection, library)
    session = await started(first.server, alice, movie)
    direct = f"/api/v1/playback/stream/{session['session_id']}/direct"
    other = second.server.client
    assert (await other.get(direct, headers=alice.headers)).status == 200  # sign-in cached
    logout = await first.server.client.post("/api/v1/auth/logout", json={}, headers=alice.headers)
    assert logout.status == 204
    statuses = []
    for _ in range(20):  # the revocation reaches the other instance through the bus
        statuses.append((await other.get(direct, headers=alice.headers)).status)
        if statuses[-1] == 401:
            break
        await asyncio.sleep(0.1)
    assert statuses[-1] == 401
