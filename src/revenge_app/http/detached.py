"""Work a handler starts and does not wait for, so that its answer takes the same time whatever
the work finds (e.g. forgot-password for a known or an unknown address)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

from aiohttp import web

log = logging.getLogger("revenge.http")

MAX_PENDING = 64


class Detached:
    """Tasks started off the request path; at most MAX_PENDING at once, awaited on shutdown."""

    def __init__(self, max_pending: int = MAX_PENDING) -> None:
        self._max_pending = max_pending
        self._tasks: set[asyncio.Task[None]] = set()

    def start(self, work: Coroutine[Any, Any, None], name: str) -> None:
        if len(self._tasks) >= self._max_pending:
            work.close()
            log.warning("detached work dropped: too much pending", extra={"fields": {"work": name}})
            return
        task = asyncio.create_task(self._run(work, name), name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def close(self) -> None:
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    @staticmethod
    async def _run(work: Coroutine[Any, Any, None], name: str) -> None:
        try:
            await work
        except Exception:
            log.exception("detached work failed", extra={"fields": {"work": name}})


DETACHED = web.AppKey("detached", Detached)


def detached_of(request: web.Request) -> Detached:
    return request.app[DETACHED]


def install(app: web.Application) -> None:
    detached = Detached()
    app[DETACHED] = detached

    async def finish(_: web.Application) -> None:
        await detached.close()

    app.on_cleanup.append(finish)
