"""Libraries with realtime monitoring follow the disk within seconds, without a scan."""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any
from uuid import UUID

from revenge_app.config import ScanningConfig
from revenge_app.scanning.container import watch_libraries
from revenge_domain.scanning.realtime import WatchLibraries
from tests.integration.app_server import Account, Server
from tests.integration.scanning.api import library_with_viewer, movies_by_title, video
from tests.integration.scanning.conftest import ScanServer

WITHIN_S = 5.0


@contextlib.asynccontextmanager
async def watching(scan_server: ScanServer) -> AsyncIterator[WatchLibraries]:
    watcher = watch_libraries(scan_server.scanning, ScanningConfig(monitor_refresh_s=0.1))
    stop = asyncio.Event()
    task = asyncio.create_task(watcher.run(stop))
    try:
        yield watcher
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)


async def until(check: Callable[[], Any], timeout_s: float) -> float:
    """Seconds until `await check()` is true (fails after `timeout_s`)."""
    started = time.monotonic()
    while not await check():
        assert time.monotonic() - started < timeout_s, "not seen in time"
        await asyncio.sleep(0.1)
    return time.monotonic() - started


async def titles(server: Server, viewer: Account) -> set[str]:
    return set(await movies_by_title(server, viewer))


async def test_added_renamed_and_removed_files_reach_the_catalogue_within_seconds(
    scan_server: ScanServer, clip: Path, media_root: Path
) -> None:
    server, tag = scan_server.server, f"t{secrets.token_hex(3)}"  # a word, never a number
    library, _, viewer = await library_with_viewer(
        server, "movie", media_root, realtime_monitoring=True
    )
    async with watching(scan_server) as watcher:
        await until(lambda: _true(UUID(library["id"]) in watcher.watched), 5)
        await asyncio.sleep(0.5)  # the watcher settles on its folders

        first = video(clip, media_root / f"First {tag} (2000).mkv")
        added_s = await until(lambda: _contains(server, viewer, f"First {tag}"), WITHIN_S)
        renamed = first.with_name(f"Second {tag} (2001).mkv")
        first.rename(renamed)
        renamed_s = await until(lambda: _equals(server, viewer, {f"Second {tag}"}), WITHIN_S)
        renamed.unlink()
        removed_s = await until(lambda: _equals(server, viewer, set()), WITHIN_S)

    assert max(added_s, renamed_s, removed_s) < WITHIN_S


async def _true(value: bool) -> bool:
    return value


async def _contains(server: Server, viewer: Account, title: str) -> bool:
    return title in await titles(server, viewer)


async def _equals(server: Server, viewer: Account, wanted: set[str]) -> bool:
    return await titles(server, viewer) == wanted
