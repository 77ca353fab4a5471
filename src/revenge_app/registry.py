"""How a feature plugs in: one `register(features, container)` per feature folder.

`features` collects what the feature contributes (the services its handlers read, its job
handlers, its work beside the API, what it does once the
database is migrated); the API, the worker, the scheduler and `revenge serve` each take their
part. `container` is the feature's own container, whose providers are resolved here, at
start-up, so a missing dependency fails before the first request.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from datetime import datetime
from typing import Any, TypeVar

import attrs
from aiohttp import web

from revenge_adapters.jobs.handlers import JobHandlers
from revenge_adapters.jobs.scheduler import PeriodicJob
from revenge_app.config import Config
from revenge_app.http.routes import Operations
from revenge_domain.clock import utc_now

T = TypeVar("T")
DAY_S = 24 * 3600.0
Background = Callable[[], AbstractAsyncContextManager[None]]
AfterMigrations = Callable[[], Awaitable[None]]


async def resolved(value: T | Awaitable[T]) -> T:
    """A provider's value (a provider that depends on an async resource hands out a future)."""
    return await value if inspect.isawaitable(value) else value


@attrs.define
class Features:
    config: Config
    clock: Callable[[], datetime] = utc_now
    operations: list[Operations] = attrs.Factory(list)
    state: dict[web.AppKey[Any], Any] = attrs.Factory(dict)
    jobs: JobHandlers = attrs.Factory(JobHandlers)
    periodic: list[PeriodicJob] = attrs.Factory(list)
    background: list[Background] = attrs.Factory(list)
    after_migrations: list[AfterMigrations] = attrs.Factory(list)

    def provide(self, key: web.AppKey[T], value: T) -> None:
        """The feature's handlers read `value` from `request.app[key]`."""
        self.state[key] = value

    def beside_api(self, work: Background) -> None:
        """`work` runs in `revenge serve` beside the API until the server stops."""
        self.background.append(work)

    def once_migrated(self, step: AfterMigrations) -> None:
        self.after_migrations.append(step)

    def install(self, app: web.Application) -> None:
        for key, value in self.state.items():
            app[key] = value


Register = Callable[[Features, Any], Awaitable[None]]
Schedule = Callable[[Config], Sequence[PeriodicJob]]


def no_schedule(config: Config) -> Sequence[PeriodicJob]:
    return ()


@attrs.frozen
class Feature:
    """`name` is the root container's attribute that holds the feature's container;
    `operations` are what its handlers answer and `schedule` the periodic jobs it wants (both
    known without building anything: the scheduler needs no container)."""

    name: str
    register: Register
    operations: tuple[Operations, ...] = ()
    schedule: Schedule = no_schedule
