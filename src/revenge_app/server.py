"""`revenge serve`: services (embedded or configured), the API, metrics, migrations, and the
in-process job worker and scheduler, until asked to stop."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Callable
from typing import TypeVar

from aiohttp import web

from revenge_adapters.postgres import ping
from revenge_adapters.postgres.migrate import Migration, upgrade
from revenge_app.config import Config
from revenge_app.container import Container
from revenge_app.features import running
from revenge_app.http import (
    HttpDeps,
    ReadinessCheck,
    StartupState,
    cache_check,
    create_app,
    create_metrics_app,
    database_check,
    search_check,
)
from revenge_app.http.protocol import ApiRunner
from revenge_app.jobs.runtime import run_scheduler, run_worker
from revenge_app.registry import Features, resolved
from revenge_app.services import service_urls

log = logging.getLogger("revenge.serve")

Announce = Callable[[str], None]
T = TypeVar("T")


def report(piece: str, message: str) -> None:
    log.info(f"{piece}: {message}", extra={"fields": {"piece": piece}})


async def serve(config: Config, stop: asyncio.Event, announce: Announce = print) -> None:
    """Run the whole server until `stop` is set; every piece is stopped on the way out."""
    async with (
        service_urls(config, report, share=True, supervise=True) as urls,
        running(config, urls) as (container, features),
    ):
        await _serve_with(container, features, stop, announce)


async def _serve_with(
    container: Container, features: Features, stop: asyncio.Event, announce: Announce
) -> None:
    config: Config = container.config()
    startup = StartupState()
    deps = HttpDeps(
        readiness=await readiness_checks(container),
        startup=startup,
        rate_limits=await resolved(container.core.rate_limits()),
        csrf_key=(await resolved(container.core.signing_secret())).encode(),
    )
    async with (
        _site(create_app(config, deps, features), config.server.host, config.server.port),
        _site(create_metrics_app(), config.server.host, config.server.metrics_port),
    ):
        await _migrate(container.urls().database_url)
        for step in features.after_migrations:
            await step()
        startup.complete()
        async with _background_jobs(config, container, features, stop), _beside_api(features):
            url = config.server.effective_public_url()
            report("server", f"ready at {url} (metrics on port {config.server.metrics_port})")
            announce(f"Revenge is ready at {url}")
            await stop.wait()
            report("server", "stopping")


async def readiness_checks(container: Container) -> list[ReadinessCheck]:
    engine = await resolved(container.core.engine())
    redis = await resolved(container.core.redis())
    search = await resolved(container.core.search_index())
    checks: list[ReadinessCheck] = [database_check(lambda: ping(engine)), cache_check(redis.ping)]
    if search is not None:

        async def search_probe() -> None:
            if not await search.healthy():
                raise ConnectionError("Typesense does not answer healthy")

        checks.append(search_check(search_probe))
    return checks


async def _migrate(database_url: str) -> None:
    began = time.monotonic()
    report("migrations", "applying")

    def step(migration: Migration) -> None:
        report("migrations", f"{migration.revision}: {migration.message}")

    await upgrade(database_url, on_step=step)
    report("migrations", f"up to date in {time.monotonic() - began:.1f} s")


@contextlib.asynccontextmanager
async def _site(app: web.Application, host: str, port: int) -> AsyncIterator[None]:
    runner = ApiRunner(app, access_log=None, handle_signals=False)
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port).start()
        yield
    finally:
        await runner.cleanup()


@contextlib.asynccontextmanager
async def _beside_api(features: Features) -> AsyncIterator[None]:
    async with contextlib.AsyncExitStack() as stack:
        for work in features.background:
            await stack.enter_async_context(work())
        yield


@contextlib.asynccontextmanager
async def _background_jobs(
    config: Config, container: Container, features: Features, stop: asyncio.Event
) -> AsyncIterator[None]:
    if not config.jobs.run_in_server:
        yield
        return
    redis_url = container.urls().redis_url
    scheduler = run_scheduler(config, redis_url, stop, features.periodic)
    tasks = [
        asyncio.create_task(run_worker(config, redis_url, stop, features.jobs), name="job-worker"),
        asyncio.create_task(scheduler, name="job-scheduler"),
    ]
    for task in tasks:
        task.add_done_callback(_log_crash)
    report("jobs", "worker and scheduler running in this process")
    try:
        yield
    finally:
        stop.set()
        await asyncio.gather(*tasks, return_exceptions=True)


def _log_crash(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error(f"{task.get_name()} stopped", exc_info=task.exception())
