"""The playback feature: sessions, their streams, the live event stream, the cleanup job, and
beside the API the streaming sweep."""

from __future__ import annotations

from functools import partial
from typing import Any

from revenge_adapters.jobs.scheduler import PeriodicJob
from revenge_app.config import Config
from revenge_app.playback import events, handlers, stream_handlers
from revenge_app.playback.background import event_streams, stream_sweeping
from revenge_app.playback.container import PLAYBACK
from revenge_app.playback.jobs import playback_schedule, register_playback_jobs
from revenge_app.registry import Feature, Features, resolved

MODULES = (handlers, stream_handlers, events)


async def register(features: Features, container: Any) -> None:
    services = await resolved(container.services())
    features.provide(PLAYBACK, services)
    register_playback_jobs(features.jobs, services.sessions)
    features.beside_api(partial(event_streams, services.live_events))
    features.beside_api(partial(stream_sweeping, services.streaming))


def schedule(config: Config) -> list[PeriodicJob]:
    return playback_schedule(config.playback.cleanup_interval_s)


FEATURE = Feature("playback", register, tuple(module.OPERATIONS for module in MODULES), schedule)
