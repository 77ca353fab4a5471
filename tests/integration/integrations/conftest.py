"""A real app over PostgreSQL and Redis with libraries, both catalogues and the integrations
wired to local Radarr and Sonarr stand-ins; integration jobs run inline with the app's own
handlers."""

from __future__ import annotations

import secrets
import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import attrs
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from revenge_adapters.cache import TwoLevelCache
from revenge_adapters.jobs.handlers import JobHandlers
from revenge_adapters.libraries import PgLibraryAccess
from revenge_app.config import IntegrationsConfig
from revenge_app.http.state import UseCases
from revenge_app.jobs.integration_jobs import register_integration_jobs
from revenge_app.wiring import with_movies, with_tvshows
from revenge_app.wiring_integrations import arr_clients, integration_syncs, with_integrations
from tests.integration.catalog_server import Sessions, catalog_server
from tests.integration.integrations.arr_server import API_KEY, ArrState, arr_server
from tests.integration.app_server import Server
from tests.integration.support import LOOPBACK_POLICY
from tests.unit.fakes.catalog_changes import RecordedChanges
from tests.unit.fakes.jobs import FakeJobQueue

SECRET = "s3cret-shared-with-the-arrs"


@attrs.frozen
class ArrApp:
    server: Server
    queue: FakeJobQueue
    changes: RecordedChanges
    radarr: ArrState
    sonarr: ArrState


@pytest.fixture
def media_root() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="revenge-arr-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def ids() -> Iterator[int]:
    """Radarr/Sonarr/TMDb ids no earlier run used (the database outlives the tests)."""
    base = secrets.randbelow(10**6) * 1000 + 10**8
    return iter(range(base, base + 1000))


async def _reset_sync_states(pg_url: str) -> None:
    connection = await asyncpg.connect(pg_url)
    try:
        await connection.execute("DELETE FROM public.integration_syncs")
    finally:
        await connection.close()


@pytest.fixture
def settings() -> IntegrationsConfig:
    return IntegrationsConfig(
        radarr_enabled=True,
        radarr_api_key=API_KEY,
        radarr_webhook_secret=SECRET,
        sonarr_enabled=True,
        sonarr_api_key=API_KEY,
        sonarr_webhook_secret=SECRET,
        timeout_s=5.0,
    )


@pytest.fixture
def run_jobs() -> bool:
    """False: jobs are only recorded (a sync then stays queued)."""
    return True


@pytest.fixture
async def arr_app(
    engine: AsyncEngine,
    pg_url: str,
    redis_url: str,
    key_prefix: str,
    settings: IntegrationsConfig,
    run_jobs: bool,
) -> AsyncIterator[ArrApp]:
    await _reset_sync_states(pg_url)
    radarr, sonarr = ArrState("Radarr"), ArrState("Sonarr")
    handlers = JobHandlers()
    queue = FakeJobQueue(handlers if run_jobs else None)
    changes = RecordedChanges()
    async with arr_server(radarr) as radarr_url, arr_server(sonarr) as sonarr_url:
        wired = attrs.evolve(settings, radarr_base_url=radarr_url, sonarr_base_url=sonarr_url)
        clients = arr_clients(wired, LOOPBACK_POLICY)

        def catalogue(
            use_cases: UseCases, sessions: Sessions, access: PgLibraryAccess, cache: TwoLevelCache
        ) -> UseCases:
            use_cases = with_tvshows(
                with_movies(use_cases, sessions, access, cache), sessions, access, cache
            )
            syncs = integration_syncs(sessions, clients, queue, changes)
            register_integration_jobs(handlers, syncs)
            return with_integrations(use_cases, sessions, clients, queue, wired)

        try:
            async with catalog_server(engine, pg_url, redis_url, key_prefix, catalogue) as server:
                yield ArrApp(server, queue, changes, radarr, sonarr)
        finally:
            for client in (clients.radarr, clients.sonarr):
                if client is not None:
                    await client.close()
    await _reset_sync_states(pg_url)
