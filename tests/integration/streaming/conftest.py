"""A playback server with streaming over the session's migrated database, and the tiny media
files of the tests (made once per test session)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import attrs
import pytest

from revenge_app.config import Config
from revenge_app.playback.background import stream_sweeping
from tests.integration.playback.server import SHORT, PlaybackServer, playback_server
from tests.integration.streaming import media


@attrs.frozen
class Media:
    mp4: Path
    mkv: Path
    hevc: Path
    long_hevc: Path
    hostile: Path
    pgs: Path


@pytest.fixture(scope="session")
def files(tmp_path_factory: pytest.TempPathFactory) -> Media:
    folder = tmp_path_factory.mktemp("media")
    return Media(
        media.h264_aac_mp4(folder / "h264.mp4"),
        media.h264_ac3_dts_mkv(folder / "surround.mkv"),
        media.hevc10_srt_mkv(folder / "hevc.mkv"),
        media.hevc10_srt_mkv(folder / "long.mkv", seconds="60"),
        media.hostile_mkv(folder / "hostile.mkv"),
        media.h264_pgs_mkv(folder / "pgs.mkv"),
    )


@contextlib.asynccontextmanager
async def streaming_server(config: Config) -> AsyncIterator[PlaybackServer]:
    async with playback_server(config) as server:
        assert server.streaming is not None
        async with stream_sweeping(server.streaming):
            yield server


def config_of(config: Config, data_dir: Path, session_timeout_s: float) -> Config:
    """`config` with its files under `data_dir`, one transcode at a time and a quick sweep."""
    streaming = attrs.evolve(config.streaming, max_transcodes=1, sweep_interval_s=0.2)
    playback = attrs.evolve(SHORT, session_timeout_s=session_timeout_s)
    return attrs.evolve(config, data_dir=data_dir, playback=playback, streaming=streaming)


@pytest.fixture
async def running(config: Config, tmp_path: Path) -> AsyncIterator[PlaybackServer]:
    async with streaming_server(config_of(config, tmp_path, 60.0)) as server:
        yield server


@pytest.fixture
async def short_lived(config: Config, tmp_path: Path) -> AsyncIterator[PlaybackServer]:
    """Sessions end 3 s after their last heartbeat."""
    async with streaming_server(config_of(config, tmp_path, 3.0)) as server:
        yield server


@pytest.fixture
async def connection(pg_url: str) -> AsyncIterator[asyncpg.Connection]:
    connection = await asyncpg.connect(pg_url)
    yield connection
    await connection.close()
