"""On `revenge serve` start: collections missing or built by an older schema get a rebuild
queued. Runs beside the API, so a slow or absent search engine never delays the start."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from revenge_domain.ports.jobs import JobQueue
from revenge_domain.ports.search import SearchIndex
from revenge_domain.search.reindexing import check_schemas

log = logging.getLogger(__name__)


async def check_search_schemas(index: SearchIndex | None, queue: JobQueue) -> tuple[str, ...]:
    """The collections whose rebuild was queued (none when search is off)."""
    if index is None:
        return ()
    try:
        stale = await check_schemas(index, queue)
    except Exception:  # the server runs on without it; the next start checks again
        log.exception("search: collection schemas not checked")
        return ()
    if stale:
        log.info("search: rebuild queued", extra={"fields": {"collections": list(stale)}})
    return stale


@contextlib.asynccontextmanager
async def search_schema_check(index: SearchIndex | None, queue: JobQueue) -> AsyncIterator[None]:
    task = asyncio.create_task(check_search_schemas(index, queue))
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
