"""Scanning work beside the API in `revenge serve`: scans of `scan_on_startup` libraries, the
folder watchers of `realtime_monitoring` libraries, and the recovery of scans whose run died."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from revenge_app.config import ScanningConfig
from revenge_domain.libraries.cases import LIBRARY_EVENTS
from revenge_domain.ports.events import EventBus
from revenge_domain.scanning import Scanning
from revenge_domain.scanning.leases import RecoverScanning
from revenge_domain.scanning.realtime import WatchLibraries

log = logging.getLogger(__name__)


@contextlib.asynccontextmanager
async def library_watching(
    scanning: Scanning,
    watchers: WatchLibraries,
    recovery: RecoverScanning,
    events: EventBus,
    settings: ScanningConfig,
) -> AsyncIterator[None]:
    try:
        queued = await scanning.scans.scan_enabled(on_startup_only=True)
        log.info("start-up scans queued", extra={"fields": {"scans": len(queued)}})
    except Exception:
        log.warning("start-up scans could not be queued", exc_info=True)
    stop = asyncio.Event()
    watching = asyncio.create_task(watchers.run(stop))
    following = asyncio.create_task(follow_libraries(events, watchers))
    recovering = asyncio.create_task(recovery.run(stop, settings.recovery_every_s))
    try:
        yield
    finally:
        stop.set()
        following.cancel()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(asyncio.gather(watching, recovering), 10.0)


async def follow_libraries(events: EventBus, watchers: WatchLibraries) -> None:
    """Wake the watchers on every library change, on this instance or another (and after a
    gap in the events, when one may have been missed)."""
    async with events.subscribe(LIBRARY_EVENTS) as changes:
        async for _ in changes:
            watchers.wake()
