"""`revenge serve`: services (embedded or configured), the API, metrics, migrations, and the
in-process job worker and scheduler, until asked to stop."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from functools import partial
from typing import TypeVar

from aiohttp import web

from revenge_adapters.postgres import ping
from revenge_adapters.postgres.migrate import Migration, upgrade
from revenge_app.background import feature_tasks
from revenge_app.config import Config
from revenge_app.container import Container
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
from revenge_app.jobs.services import job_services, resolved
from revenge_app.services import service_urls
from revenge_app.wiring import signing_secret

log = logging.getLogger("revenge.serve")

Announce = Callable[[str], None]
T = TypeVar("T")


def report(piece: str, message: str) -> None:
    log.info(f"{piece}: {message}", extra={"fields": {"piece": piece}})


async def serve(config: Config, stop: asyncio.Event, announce: Announce = print) -> None:
    """Run the whole server until `stop` is set; every piece is stopped on the way out."""
    async with service_urls(config, report, share=True, supervise=True) as urls:
        container = Container(config=config, urls=urls)
        await _settled(container.init_resources())
        try:
            await _serve_with(container, stop, announce)
        finally:
            await _settled(container.shutdown_resources())


async def _serve_with(container: Container, stop: asyncio.Event, announce: Announce) -> None:
    config: Config = container.config()
    startup = StartupState()
    deps = HttpDeps(
        readiness=await readiness_checks(container),
        startup=startup,
        use_cases=await resolved(container.use_cases()),
        rate_limits=await resolved(container.rate_limits()),
        csrf_key=signing_secret(config).encode(),
    )
    async with (
        _site(create_app(config, deps), config.server.host, config.server.port),
        _site(create_metrics_app(), config.server.host, config.server.metrics_port),
    ):
        await _migrate(container.urls().database_url)
        # Loaded before the migrations ran: on a fresh database that load found no tables.
        await (await resolved(container.permission_policy())).refresh()
        startup.complete()
        async with _background_jobs(config, container, stop), feature_tasks(container):
            url = config.server.effective_public_url()
            report("server", f"ready at {url} (metrics on port {config.server.metrics_port})")
            announce(f"Revenge is ready at {url}")
            await stop.wait()
            report("server", "stopping")


async def _settled(pending: Awaitable[None] | None) -> None:
    """dependency-injector returns an awaitable only when some resource is async."""
    if pending is not None:
        await pending


async def readiness_checks(container: Container) -> list[ReadinessCheck]:
    engine = await resolved(container.engine())
    redis = await resolved(container.redis())
    search = await resolved(container.search_index())
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
async def _background_jobs(
    config: Config, container: Container, stop: asyncio.Event
) -> AsyncIterator[None]:
    if not config.jobs.run_in_server:
        yield
        return
    redis_url = container.urls().redis_url
    worker = run_worker(config, redis_url, stop, services=partial(job_services, container))
    tasks = [
        asyncio.create_task(worker, name="job-worker"),
        asyncio.create_task(run_scheduler(config, redis_url, stop), name="job-scheduler"),
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
