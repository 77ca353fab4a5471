"""Keeps the embedded pieces running: a piece that dies is started again at the same URL.

The first restart is immediate; a piece that keeps failing to start, or dies again soon after
a restart, waits twice as long before each next try (up to a limit). Clients keep their URLs and
reconnect on their own (Redis pools, the SQLAlchemy pool with pre-ping, the Typesense client).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import time
from collections.abc import AsyncIterator

from prometheus_client import Counter

from revenge_adapters.metrics import REGISTRY
from revenge_app.embedded.pieces import PIECE_NAMES, Service
from revenge_app.embedded.stack import EmbeddedStack

log = logging.getLogger(__name__)

RESTARTS = Counter(
    "revenge_embedded_restarts_total",
    "Embedded pieces found dead and started again, by piece and outcome (restarted, failed).",
    ["piece", "outcome"],
    registry=REGISTRY,
)


class Supervisor:
    def __init__(
        self,
        stack: EmbeddedStack,
        *,
        check_every_s: float = 0.5,
        first_backoff_s: float = 0.5,
        max_backoff_s: float = 30.0,
        stable_after_s: float = 60.0,
    ) -> None:
        self._stack = stack
        self._check_every_s = check_every_s
        self._first_backoff_s, self._max_backoff_s = first_backoff_s, max_backoff_s
        self._stable_after_s = stable_after_s
        self._backoff_s: dict[Service, float] = {}
        self._restarted_at: dict[Service, float] = {}
        self._reviving: dict[Service, asyncio.Task[None]] = {}

    async def run(self) -> None:
        """Watch the pieces until cancelled; each dead one is revived in a task of its own."""
        try:
            while True:
                for service, started in self._stack.running().items():
                    if service in self._reviving or await asyncio.to_thread(started.alive):
                        continue
                    task = asyncio.create_task(self._revive(service), name=f"revive-{service}")
                    self._reviving[service] = task
                    task.add_done_callback(functools.partial(self._revived, service))
                await asyncio.sleep(self._check_every_s)
        finally:
            for task in list(self._reviving.values()):
                task.cancel()

    def _revived(self, service: Service, _: asyncio.Task[None]) -> None:
        self._reviving.pop(service, None)

    async def _revive(self, service: Service) -> None:
        name = PIECE_NAMES[service]
        log.warning("embedded piece died; starting it again", extra={"fields": {"piece": name}})
        if time.monotonic() - self._restarted_at.get(service, -1e9) < self._stable_after_s:
            await self._wait(service)  # died again soon after a restart: a crash loop
        else:
            self._backoff_s[service] = self._first_backoff_s
        while True:
            began = time.monotonic()
            try:
                await asyncio.to_thread(self._stack.restart, service)
            except Exception as exc:
                RESTARTS.labels(name, "failed").inc()
                error = str(exc).splitlines()[0]
                log.warning(
                    "embedded piece did not start again",
                    extra={"fields": {"piece": name, "error": error}},
                )
                await self._wait(service)
                continue
            self._restarted_at[service] = time.monotonic()
            RESTARTS.labels(name, "restarted").inc()
            seconds = round(self._restarted_at[service] - began, 2)
            log.warning(
                "embedded piece started again",
                extra={"fields": {"piece": name, "seconds": seconds}},
            )
            return

    async def _wait(self, service: Service) -> None:
        delay = self._backoff_s.get(service, self._first_backoff_s)
        await asyncio.sleep(delay)
        self._backoff_s[service] = min(delay * 2, self._max_backoff_s)


@contextlib.asynccontextmanager
async def supervised(stack: EmbeddedStack) -> AsyncIterator[None]:
    """Supervise the stack's pieces for the duration of the block."""
    task = asyncio.create_task(Supervisor(stack).run(), name="embedded-supervisor")
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
