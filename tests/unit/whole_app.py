"""The whole app's container for unit tests: every feature registered as `revenge serve` does,
over in-memory stand-ins for the shared resources (event bus, caches, job platform; no search
engine). The database and Redis addresses lead nowhere, so nothing reaches a real service; a
test overrides the providers its features read (`container.activity.store.override(...)`)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from dependency_injector import providers

from revenge_adapters.jobs.scheduler import PeriodicJob
from revenge_app.config import Config, load_config
from revenge_app.container import Container
from revenge_app.features import FEATURES, every_operation, every_periodic_job, settled
from revenge_app.features import registered as registered_features
from revenge_app.http.app import BUILT_IN
from revenge_app.http.routes import Operations
from revenge_app.jobs.runtime import JobPlatform
from revenge_app.registry import Feature, Features
from revenge_app.services import configured_urls
from revenge_domain.clock import utc_now
from tests.unit.fakes.cache import InMemoryCache
from tests.unit.fakes.events import InMemoryEventBus
from tests.unit.fakes.jobs import FakeJobQueue, FakePeriodicClaims

NOWHERE = {
    "database.url": "postgresql://revenge@127.0.0.1:9/nowhere",
    "cache.url": "redis://127.0.0.1:9/0",
}
Override = Callable[[Container], None]


def unit_config(environ: Mapping[str, str] | None = None, **settings: Any) -> Config:
    """Settings from `environ` whose services lead nowhere; `settings` are dotted names with
    `__` for the dot."""
    values = NOWHERE | {name.replace("__", "."): value for name, value in settings.items()}
    return load_config(environ=environ or {}, overrides=values)


def unit_container(
    config: Config | None = None,
    queue: FakeJobQueue | None = None,
) -> Container:
    """The root container with in-memory shared resources; jobs go to `queue` (recorded only,
    unless it runs them)."""
    config = config or unit_config()
    queue = queue or FakeJobQueue()
    container = Container(config=config, urls=configured_urls(config))
    core = container.core
    core.events.override(providers.Object(InMemoryEventBus()))
    for cache in (core.catalog_cache, core.credentials_cache, core.metadata_cache):
        cache.override(providers.Object(InMemoryCache()))
    core.search_index.override(providers.Object(None))
    platform = JobPlatform(queue, queue.dead_letters, FakePeriodicClaims())  # type: ignore[arg-type]
    core.jobs.override(providers.Object(platform))
    return container


@contextlib.asynccontextmanager
async def unit_app(
    config: Config | None = None,
    override: Override | None = None,
    *,
    queue: FakeJobQueue | None = None,
    features: Sequence[Feature] = FEATURES,
    clock: Callable[[], datetime] = utc_now,
    run_jobs: bool = True,
) -> AsyncIterator[tuple[Container, Features]]:
    """The container (after `override`) and what `features` contribute; the queue runs the
    jobs with their handlers (without `run_jobs`, it only records them)."""
    queue = queue or FakeJobQueue()
    container = unit_container(config, queue)
    if override is not None:
        override(container)
    try:
        registered = await registered_features(container, features, clock)
        if run_jobs:
            queue.run_with(registered.jobs)
        yield container, registered
    finally:
        await settled(container.shutdown_resources())


def api_operations() -> list[Operations]:
    """Every operation the API answers: the probes and docs, and each feature's."""
    return [*BUILT_IN, *every_operation()]


def app_schedule(config: Config) -> list[PeriodicJob]:
    """The periodic jobs the app's scheduler enqueues under `config`."""
    return every_periodic_job(config)
