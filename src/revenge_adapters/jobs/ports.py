"""What the job runtime needs beside the queue: retries, dead letters, periodic slot claims."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from revenge_adapters.jobs.runner import DeadLetter, Delivery
    from revenge_adapters.jobs.scheduler import SlotClaim


class JobRetries(Protocol):
    async def retry_later(self, delivery: Delivery, delay_s: float) -> None:
        """Put the next attempt of a failed delivery back on its queue after `delay_s`."""
        ...


class DeadLetterStore(Protocol):
    """Jobs that failed for good, newest first, until retried or pruned."""

    async def add(self, letter: DeadLetter) -> None: ...

    async def get(self, letter_id: str) -> DeadLetter | None: ...

    async def list(self, limit: int = 100) -> list[DeadLetter]:
        """The newest `limit` dead letters, newest first."""
        ...

    async def remove(self, letter_id: str) -> bool: ...

    async def remove_older_than(self, moment: datetime) -> int:
        """Delete letters that failed before `moment`; returns how many."""
        ...


class PeriodicClaims(Protocol):
    async def claim(self, periodic_id: str, slot: int, lease_s: float) -> SlotClaim:
        """TAKEN for one caller per (periodic_id, slot) at a time, across processes: it holds
        the slot for `lease_s`, enqueues, then calls `done`. A slot whose holder neither did
        so nor released it is free again once the lease runs out."""
        ...

    async def done(self, periodic_id: str, slot: int, ttl_s: float) -> None:
        """The slot's job is enqueued: the slot stays DONE for `ttl_s`."""
        ...

    async def release(self, periodic_id: str, slot: int) -> None:
        """Give a slot back (its job could not be enqueued) so another tick can take it."""
        ...
