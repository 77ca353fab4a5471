"""Library scan benchmark: the scanning use cases over a tree of 20,000 files, next to a bare
`os.scandir` walk of the same tree in the same run.

Builds a tree of empty video files (movies in `Title (Year)/` folders, 1% in scene-style names
that go to guessit, and TV shows in `Show/Season NN/Show - SNNEMM.mkv`), a throwaway database
(`revenge_bench_scan_<random>` on the local PostgreSQL, or `--database-url`) with one movie and one
TV library over it, then times:

- bare walk: a recursive `os.scandir` with one `stat` per file, nothing else;
- first scan: walking, comparing with the (empty) file state, recording every file and queueing
  one match job per file (the scan job itself);
- matching: running those match jobs, 10 at a time as the worker's default queue does (names,
  .nfo and artwork look-ups, catalogue writes); probing is off (empty files, and ffprobe would
  measure ffmpeg rather than the scanner);
- unchanged rescan: the scan job again over the same tree (walk and compare only).

    .venv/bin/python bench/scan.py [--files 20000] [--database-url URL]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import shutil
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import asyncpg

from revenge_adapters.libraries import PgLibraryStore
from revenge_adapters.postgres import create_engine, create_session_factory
from revenge_adapters.postgres.migrate import upgrade
from revenge_app.config import ScanningConfig
from revenge_app.scanning.container import build_scanning
from revenge_domain.jobs import Job
from revenge_domain.libraries import LibrarySettings, LibraryType
from revenge_domain.ports.catalog_changes import NoCatalogChanges
from revenge_domain.scanning.jobs import MovieFileMatch, TVShowFileMatch

ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
MATCHING_AT_ONCE = int(os.environ.get("BENCH_MATCHING_AT_ONCE", "10"))


class CollectingQueue:
    """Keeps queued jobs so the bench can run the match jobs itself, timed on their own."""

    def __init__(self) -> None:
        self.jobs: list[Job] = []

    async def enqueue(self, job: Job, *, delay_s: float = 0) -> str:
        self.jobs.append(job)
        return str(len(self.jobs))

    def take(self, *kinds: type[Job]) -> list[Any]:
        taken = [job for job in self.jobs if isinstance(job, kinds)]
        self.jobs = [job for job in self.jobs if not isinstance(job, kinds)]
        return taken


def movie_paths(root: Path, count: int) -> Iterator[Path]:
    for number in range(count):
        year = 1950 + number % 70
        if number % 100 == 99:
            yield root / f"Film.Number.{number}.{year}.1080p.BluRay.x264.mkv"
        else:
            title = f"Film Number {number} ({year})"
            yield root / title / f"{title}.mkv"


def episode_paths(root: Path, count: int) -> Iterator[Path]:
    per_show = 100  # 10 seasons of 10
    for number in range(count):
        show, rest = divmod(number, per_show)
        season, episode = divmod(rest, 10)
        name = f"Series {show}"
        folder = root / name / f"Season {season + 1:02d}"
        yield folder / f"{name} - S{season + 1:02d}E{episode + 1:02d}.mkv"


def build_tree(root: Path, files: int) -> tuple[Path, Path]:
    movies, shows = root / "movies", root / "shows"
    for path in (*movie_paths(movies, files // 2), *episode_paths(shows, files - files // 2)):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
    return movies, shows


def bare_walk(roots: list[Path]) -> int:
    """The floor: every directory listed and every file stat-ed, nothing recorded."""
    count, pending = 0, [str(root) for root in roots]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                if entry.is_dir():
                    pending.append(entry.path)
                else:
                    entry.stat()
                    count += 1
    return count


async def timed(work: Callable[[], Awaitable[Any]]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = await work()
    return time.perf_counter() - started, result


async def run(files: int, admin_url: str) -> list[tuple[str, int, float]]:
    name = f"revenge_bench_scan_{secrets.token_hex(4)}"
    admin = await asyncpg.connect(admin_url)
    await admin.execute(f'CREATE DATABASE "{name}"')
    url = admin_url.rsplit("/", 1)[0] + f"/{name}"
    folder = Path(tempfile.mkdtemp(prefix="revenge-bench-scan-"))
    engine = create_engine(url, pool_size=MATCHING_AT_ONCE + 2)
    try:
        await upgrade(url)
        movies, shows = build_tree(folder, files)
        sessions = create_session_factory(engine)
        store = PgLibraryStore(sessions)
        libraries = [
            await store.add(LibrarySettings("Bench movies", LibraryType.MOVIE, (str(movies),))),
            await store.add(LibrarySettings("Bench shows", LibraryType.TVSHOW, (str(shows),))),
        ]
        queue = CollectingQueue()
        scanning = build_scanning(sessions, queue, NoCatalogChanges(), ScanningConfig(probe=False))

        async def scan_all() -> None:
            for library in libraries:
                await scanning.scan_library(library.id)

        async def match_all() -> None:
            slots = asyncio.Semaphore(MATCHING_AT_ONCE)

            async def match(job: MovieFileMatch | TVShowFileMatch) -> None:
                async with slots:
                    await scanning.match_file(job.library_id, job.file_path, job.force_rematch)

            await asyncio.gather(
                *(match(job) for job in queue.take(MovieFileMatch, TVShowFileMatch))
            )

        walk_s, walked = await timed(lambda: asyncio.to_thread(bare_walk, [movies, shows]))
        first_s, _ = await timed(scan_all)
        match_s, _ = await timed(match_all)
        rescan_s, _ = await timed(scan_all)
        assert walked == files
        return [
            ("bare os.scandir walk", walked, walk_s),
            ("first scan (walk, record, queue)", files, first_s),
            ("matching (catalogue writes)", files, match_s),
            ("first scan + matching", files, first_s + match_s),
            ("unchanged rescan", files, rescan_s),
        ]
    finally:
        await engine.dispose()
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=20_000)
    parser.add_argument("--database-url", default=ADMIN_URL, help="an admin DSN")
    args = parser.parse_args()
    rows = asyncio.run(run(args.files, args.database_url))
    bare_rate = rows[0][1] / rows[0][2]
    print(f"{'phase':34} {'files':>7} {'seconds':>8} {'files/s':>9} {'bare walk / this':>17}")
    for phase, count, seconds in rows:
        rate = count / seconds
        print(f"{phase:34} {count:7d} {seconds:8.2f} {rate:9.0f} {bare_rate / rate:16.1f}x")


if __name__ == "__main__":
    main()
