"""Streaming figures on this machine.

1. Time to the first segment of a new session: remux (H.264 copied into fMP4) and transcode
   (1080p H.264 to the 720p profile), p50/p95 over --trials fresh sessions; and a seek to 80 %.
2. Direct play: --readers concurrent clients reading 1 MiB Range requests for --seconds through
   the real app (auth, session lookup, `/direct`) over a throwaway database, next to a bare
   aiohttp FileResponse of the same file in the same run (alternating, in rounds).
3. How many 720p transcodes of the 1080p file run at real time at once (each ffmpeg's media
   seconds per wall second >= 1.0), trying 1, 2, 3, ... until one falls behind.

    .venv/bin/python bench/streaming.py
    .venv/bin/python bench/streaming.py --trials 3 --seconds 3    # quick look
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import aiohttp
import asyncpg
import attrs
from aiohttp import web

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.integration.app_server import Server, app_config
from tests.integration.playback.server import SHORT, playback_server
from tests.integration.streaming.support import movie_on, started, viewers

from revenge_adapters.postgres.migrate import upgrade
from revenge_adapters.streaming import (
    LiveStreams,
    SegmentStore,
    TranscodeSlots,
    find_tools,
)
from revenge_domain.streaming import ClientProfile, commands
from revenge_domain.streaming.hls import SEGMENT_S

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
REDIS = "redis://127.0.0.1:6379/0"
CHUNK = 1 << 20
ROUNDS = 4


def make_media(folder: Path, seconds: int) -> tuple[Path, Path]:
    """A 1080p H.264/AAC MP4 and the same streams in MKV (for the remux)."""
    mp4, mkv = folder / "film.mp4", folder / "film.mkv"
    tools = find_tools()
    base = [tools.ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error", "-y"]
    subprocess.run(
        [*base, "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=24",
         "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", str(seconds),
         "-c:v", "libx264", "-preset", "ultrafast", "-g", "48", "-pix_fmt", "yuv420p",
         "-b:v", "6M", "-c:a", "aac", str(mp4)],
        check=True,
    )  # fmt: skip
    subprocess.run([*base, "-i", str(mp4), "-c", "copy", str(mkv)], check=True)
    return mp4, mkv


def percentiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


async def first_segment(
    live: LiveStreams, source: Path, client: ClientProfile, number: int
) -> float:
    streams = await live.open(uuid.uuid4(), uuid.uuid4(), source, client)
    key = streams.plan.videos[0].name
    began = time.perf_counter()
    await live.segment(streams, key, number)
    took = time.perf_counter() - began
    await live.close(streams.session_id)
    return took


async def first_segments(folder: Path, mkv: Path, mp4: Path, trials: int, seg80: int) -> None:
    live = LiveStreams(find_tools(), SegmentStore(folder / "streams", 1 << 32), TranscodeSlots(8))
    to_720 = ClientProfile(max_height=720)
    rows = [
        ("remux 1080p, segment 0", mkv, ClientProfile(containers=frozenset({"mp4"})), 0),
        ("transcode 1080p->720p, segment 0", mp4, to_720, 0),
        (f"transcode 1080p->720p, seek to 80 % (segment {seg80})", mp4, to_720, seg80),
    ]
    print(f"\ntime to first segment ({trials} fresh sessions each)")
    print(f"{'':50} {'p50 s':>8} {'p95 s':>8}")
    for name, source, client, number in rows:
        times = [await first_segment(live, source, client, number) for _ in range(trials)]
        p50, p95 = percentiles(times)
        print(f"{name:50} {p50:8.2f} {p95:8.2f}")


async def read_ranges(
    url: str, headers: dict[str, str], size: int, until: float, chunk: int | None
) -> int:
    """Random 1 MiB ranges (`chunk`), or from a random byte to the end (None), as players do."""
    done = 0
    async with aiohttp.ClientSession() as client:
        while time.perf_counter() < until:
            start = random.randrange(0, max(1, size - CHUNK))
            end = start + chunk - 1 if chunk else ""
            ranged = {**headers, "Range": f"bytes={start}-{end}"}
            async with client.get(url, headers=ranged) as response:
                assert response.status == 206, response.status
                done += len(await response.read())
    return done


async def throughput(
    url: str, headers: dict[str, str], size: int, readers: int, s: float, chunk: int | None
) -> float:
    began = time.perf_counter()
    until = began + s
    totals = await asyncio.gather(
        *(read_ranges(url, headers, size, until, chunk) for _ in range(readers))
    )
    return sum(totals) / (time.perf_counter() - began) / 1e6


@contextlib.asynccontextmanager
async def bare_file_server(path: Path) -> AsyncIterator[str]:
    async def serve(_: web.Request) -> web.FileResponse:
        return web.FileResponse(path)

    app = web.Application()
    app.router.add_get("/file", serve)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        yield f"http://127.0.0.1:{port}/file"
    finally:
        await runner.cleanup()


@contextlib.asynccontextmanager
async def throwaway_database() -> AsyncIterator[str]:
    name = f"revenge_bench_{secrets.token_hex(4)}"
    admin = await asyncpg.connect(PG_ADMIN)
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    try:
        yield PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"
    finally:
        admin = await asyncpg.connect(PG_ADMIN)
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def direct_play(folder: Path, mp4: Path, readers: int, seconds: float) -> None:
    size = mp4.stat().st_size  # noqa: ASYNC240
    prefix = f"revenge-bench-{secrets.token_hex(4)}:"
    playback = attrs.evolve(SHORT, session_timeout_s=3600.0)
    async with throwaway_database() as pg_url:
        await upgrade(pg_url)
        config = attrs.evolve(app_config(pg_url, REDIS, prefix, folder), playback=playback)
        async with playback_server(config) as running:
            await play_directly(running.server, pg_url, mp4, size, readers, seconds)


async def play_directly(
    server: Server, pg_url: str, mp4: Path, size: int, readers: int, seconds: float
) -> None:
    connection = await asyncpg.connect(pg_url)
    library, movie = await movie_on(connection, mp4)
    await connection.close()
    connection = await asyncpg.connect(pg_url)
    alice, _ = await viewers(server, connection, library)
    await connection.close()
    session = await started(server, alice, movie)
    ours = str(server.client.make_url(f"/api/v1/playback/stream/{session['session_id']}/direct"))
    print(f"\ndirect play, {readers} concurrent readers, {seconds:.0f} s per row ({size} B file)")
    print(f"{'':34} {'bare MB/s':>10} {'ours MB/s':>10} {'ours/bare':>10}")
    async with bare_file_server(mp4) as bare:
        for name, chunk in (("1 MiB ranges", CHUNK), ("ranges to the end", None)):
            bare_mb, ours_mb = 0.0, 0.0
            for _ in range(ROUNDS):  # alternating, so a busier moment hits both alike
                part = seconds / ROUNDS
                bare_mb += await throughput(bare, {}, size, readers, part, chunk) / ROUNDS
                ours_mb += (
                    await throughput(ours, alice.headers, size, readers, part, chunk) / ROUNDS
                )
            print(f"{name:34} {bare_mb:10.0f} {ours_mb:10.0f} {ours_mb / bare_mb:10.0%}")


async def transcode_speed(source: Path, out: Path, seconds: int) -> float:
    """Media seconds per wall second of one 720p transcode of `seconds` of the file."""
    streams_plan = await LiveStreams(
        find_tools(), SegmentStore(out, 1 << 32), TranscodeSlots(1)
    ).open(uuid.uuid4(), uuid.uuid4(), source, ClientProfile(max_height=720))
    plan = streams_plan.plan.videos[0]
    out.mkdir(parents=True, exist_ok=True)  # noqa: ASYNC240
    arguments = commands.video_hls(source, plan, out, 0)
    began = time.perf_counter()
    process = await asyncio.create_subprocess_exec(find_tools().ffmpeg, *arguments)
    await process.wait()
    return seconds / (time.perf_counter() - began)


async def concurrent_transcodes(folder: Path, mp4: Path, seconds: int) -> None:
    print(f"\nconcurrent 1080p->720p transcodes ({seconds} s of media each, libx264 veryfast)")
    print(f"{'at once':>8} {'slowest x realtime':>20}")
    sustained = 0
    for count in range(1, 6):
        speeds = await asyncio.gather(
            *(transcode_speed(mp4, folder / f"t{count}-{n}", seconds) for n in range(count))
        )
        print(f"{count:8} {min(speeds):20.2f}")
        if min(speeds) < 1.0:
            break
        sustained = count
    print(f"sustained at real time: {sustained}")


async def timed(name: str, work: Callable[[], Awaitable[None]]) -> None:
    began = time.perf_counter()
    await work()
    print(f"({name}: {time.perf_counter() - began:.0f} s)")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trials", type=int, default=10)
    parser.add_argument("--readers", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--media-seconds", type=int, default=60)
    parser.add_argument("--only", choices=["segments", "direct", "transcodes"])
    args = parser.parse_args()
    wanted = {args.only} if args.only else {"segments", "direct", "transcodes"}
    with tempfile.TemporaryDirectory(prefix="revenge-bench-") as name:
        folder = Path(name)
        mp4, mkv = make_media(folder, args.media_seconds)
        seg80 = int(args.media_seconds * 0.8) // SEGMENT_S
        if "segments" in wanted:
            await timed(
                "first segments", lambda: first_segments(folder, mkv, mp4, args.trials, seg80)
            )
        if "direct" in wanted:
            await timed("direct play", lambda: direct_play(folder, mp4, args.readers, args.seconds))
        if "transcodes" in wanted:
            seconds = min(args.media_seconds, 30)
            await timed("transcodes", lambda: concurrent_transcodes(folder, mp4, seconds))


if __name__ == "__main__":
    asyncio.run(main())
