"""What job handlers get from the composition root: built once per worker from the container."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable
from typing import TypeVar

import attrs

from revenge_adapters.activity import PgActivityStore
from revenge_adapters.jobs.ports import DeadLetterStore
from revenge_app.container import Container
from revenge_app.jobs.handlers import JobServices

T = TypeVar("T")


async def resolved(value: T | Awaitable[T]) -> T:
    """An initialised async resource of the container (its provider hands out a future)."""
    return await value if inspect.isawaitable(value) else value


async def job_services(container: Container, dead_letters: DeadLetterStore) -> JobServices:
    sessions = await resolved(container.session_factory())
    services = JobServices(dead_letters=dead_letters, activity=PgActivityStore(sessions))
    # Each feature evolves `services` with what its handlers need, below its marker.
    # --- scanning ---
    services = attrs.evolve(services, scanning=await resolved(container.scanning()))
    # --- metadata ---
    refresh = await resolved(container.metadata_refresh())
    services = attrs.evolve(services, metadata_refresh=refresh)
    # --- images ---
    services = attrs.evolve(services, images=await resolved(container.image_cache()))
    # --- search ---
    indexing = await resolved(container.search_indexing())
    services = attrs.evolve(services, search_indexing=indexing)
    # --- catalog ---
    # --- oidc ---
    # --- playback ---
    playback = (await resolved(container.playback_use_cases())).playback
    services = attrs.evolve(services, playback=playback)
    # --- integrations ---
    syncs = await resolved(container.integration_syncs())
    services = attrs.evolve(services, integrations=syncs)
    return services  # noqa: RET504 - features evolve it above
