"""Periodic jobs: each one is enqueued once per interval, however many schedulers run."""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
import math
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import attrs

from revenge_domain.jobs import Job

if TYPE_CHECKING:
    from revenge_adapters.jobs.ports import PeriodicClaims
    from revenge_domain.ports.jobs import JobQueue

log = logging.getLogger(__name__)


class SlotClaim(enum.Enum):
    TAKEN = "taken"  # the caller holds the slot's lease: it enqueues, then marks it done
    BUSY = "busy"  # another holds the lease, and may die before enqueueing: ask again
    DONE = "done"  # the slot's job was enqueued


@attrs.frozen
class PeriodicJob:
    """`make` builds the job value each time it is due. Slots are aligned to the epoch (a daily
    job is due at 00:00 UTC); `run_on_start` also runs it when a scheduler starts, unless the
    current slot already ran."""

    id: str
    make: Callable[[], Job]
    interval_s: float
    run_on_start: bool = False

    def slot(self, now: float) -> int:
        return math.floor(now / self.interval_s)


@attrs.define
class PeriodicScheduler:
    """A slot is claimed for `lease_s` only, and kept once its job is enqueued: a scheduler
    that dies in between leaves the slot to another one when the lease runs out."""

    schedule: Sequence[PeriodicJob]
    queue: JobQueue
    claims: PeriodicClaims
    clock: Callable[[], float] = time.time
    lease_s: float = 30.0
    _seen: dict[str, int] = attrs.field(factory=dict, init=False)

    async def tick(self) -> list[str]:
        """Enqueue every periodic job whose slot this scheduler has not handled yet; returns
        the ids it enqueued (another scheduler may have taken a slot first)."""
        now = self.clock()
        fired = []
        for entry in self.schedule:
            slot = entry.slot(now)
            previous = self._seen.get(entry.id)
            if previous == slot:
                continue
            self._seen[entry.id] = slot
            if previous is None and not entry.run_on_start:
                continue
            if await self._fire(entry, slot):
                fired.append(entry.id)
        return fired

    async def run(self, stop: asyncio.Event, tick_s: float = 1.0) -> None:
        while not stop.is_set():
            await self.tick()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), tick_s)

    async def _fire(self, entry: PeriodicJob, slot: int) -> bool:
        try:
            claim = await self.claims.claim(entry.id, slot, self.lease_s)
        except Exception:
            self._retry(entry, slot, "periodic job could not be claimed; will try again")
            return False
        if claim is not SlotClaim.TAKEN:
            if claim is SlotClaim.BUSY:
                self._seen[entry.id] = slot - 1
            return False
        try:
            await self.queue.enqueue(entry.make())
        except Exception:
            self._retry(entry, slot, "periodic job could not be enqueued; will try again")
            with contextlib.suppress(Exception):
                await self.claims.release(entry.id, slot)
            return False
        log.info("periodic job enqueued", extra={"fields": {"periodic_id": entry.id}})
        await self._done(entry, slot)
        return True

    def _retry(self, entry: PeriodicJob, slot: int, message: str) -> None:
        log.warning(message, extra={"fields": {"periodic_id": entry.id}}, exc_info=True)
        self._seen[entry.id] = slot - 1

    async def _done(self, entry: PeriodicJob, slot: int) -> None:
        try:
            await self.claims.done(entry.id, slot, ttl_s=2 * entry.interval_s + 60)
        except Exception:  # the lease runs out and another scheduler enqueues it again
            log.warning(
                "periodic slot could not be marked done",
                extra={"fields": {"periodic_id": entry.id}},
                exc_info=True,
            )
