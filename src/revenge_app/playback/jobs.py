"""Handler of the playback cleanup job and its schedule."""

from __future__ import annotations

import logging

from revenge_adapters.jobs.handlers import JobHandlers, PermanentFailure
from revenge_adapters.jobs.scheduler import PeriodicJob
from revenge_domain.playback import Playback, PlaybackCleanup

log = logging.getLogger(__name__)


def register_playback_jobs(handlers: JobHandlers, playback: Playback | None) -> None:
    """Without `playback`, cleanups fail for good (dead letters)."""

    async def clean_up(job: PlaybackCleanup) -> None:
        if playback is None:
            raise PermanentFailure("this worker has no playback sessions")
        active = await playback.clean_up()
        log.info("playback sessions cleaned up", extra={"fields": {"active": active}})

    handlers.register(PlaybackCleanup, clean_up)


def playback_schedule(interval_s: float) -> list[PeriodicJob]:
    return [PeriodicJob(id="playback_cleanup", make=PlaybackCleanup, interval_s=interval_s)]
