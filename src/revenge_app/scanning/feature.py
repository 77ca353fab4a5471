"""The scanning feature: scans over the API, the scan and match jobs, the periodic scan, and
beside the API the start-up scans, the folder watchers and the recovery of dead scans."""

from __future__ import annotations

from functools import partial
from typing import Any

from revenge_adapters.jobs.scheduler import PeriodicJob
from revenge_app.config import Config
from revenge_app.registry import Feature, Features, resolved
from revenge_app.scanning import handlers
from revenge_app.scanning.background import library_watching
from revenge_app.scanning.container import SCANS
from revenge_app.scanning.jobs import library_scan_schedule, register_scan_jobs


async def register(features: Features, container: Any) -> None:
    scanning = await resolved(container.scanning())
    features.provide(SCANS, scanning.scans)
    register_scan_jobs(features.jobs, scanning)
    settings = features.config.scanning
    watching = partial(
        library_watching,
        scanning,
        await resolved(container.watchers()),
        await resolved(container.recovery()),
        await resolved(container.events()),
        settings,
    )
    features.beside_api(watching)


def schedule(config: Config) -> list[PeriodicJob]:
    return library_scan_schedule(config.scanning.interval_s)


FEATURE = Feature("scanning", register, (handlers.OPERATIONS,), schedule)
