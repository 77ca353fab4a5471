"""The features of the server: the feature containers of the root container, listed there
once. Adding a feature is a folder (`container.py`, `feature.py` with its `FEATURE`, handlers)
and its line in the root container."""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from datetime import datetime

from dependency_injector import providers

from revenge_adapters.jobs.scheduler import PeriodicJob
from revenge_app.config import Config
from revenge_app.container import Container
from revenge_app.embedded.stack import ServiceUrls
from revenge_app.http.routes import Operations
from revenge_app.registry import Feature, Features
from revenge_domain.clock import utc_now


def features_of(root: type[Container] = Container) -> tuple[Feature, ...]:
    """Each feature container of the root (all but `core`), in its order: the `FEATURE` of
    the folder of the same name."""
    names = [
        name
        for name, provider in root.cls_providers.items()
        if isinstance(provider, providers.Container) and name != "core"
    ]
    return tuple(importlib.import_module(f"revenge_app.{name}.feature").FEATURE for name in names)


FEATURES = features_of()


def every_operation(features: Sequence[Feature] = FEATURES) -> list[Operations]:
    """What the features' handlers answer (the probes and docs are the HTTP layer's own)."""
    return [operations for feature in features for operations in feature.operations]


def every_periodic_job(config: Config, features: Sequence[Feature] = FEATURES) -> list[PeriodicJob]:
    """What the scheduler enqueues under `config`."""
    return [job for feature in features for job in feature.schedule(config)]


async def registered(
    container: Container,
    features: Sequence[Feature] = FEATURES,
    clock: Callable[[], datetime] = utc_now,
) -> Features:
    """What the features contribute, each over its own container (resolved now, so a missing
    dependency fails at start-up)."""
    config: Config = container.config()
    collected = Features(config, clock, periodic=every_periodic_job(config, features))
    for feature in features:
        collected.operations.extend(feature.operations)
        await feature.register(collected, getattr(container, feature.name)())
    return collected


@contextlib.asynccontextmanager
async def running(config: Config, urls: ServiceUrls) -> AsyncIterator[tuple[Container, Features]]:
    """The root container with its resources open, and what the features contribute."""
    container = Container(config=config, urls=urls)
    await settled(container.init_resources())
    try:
        yield container, await registered(container)
    finally:
        await settled(container.shutdown_resources())


async def settled(pending: Awaitable[None] | None) -> None:
    """dependency-injector returns an awaitable only when some resource is async."""
    if pending is not None:
        await pending
