"""The whole app over PostgreSQL and Redis with the integrations pointed at local Radarr and
Sonarr stand-ins; jobs run inline with the app's own handlers, and what the syncs report to the
catalogue's followers is recorded too."""

from __future__ import annotations

import secrets
import shutil
import tempfile
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import asyncpg
import attrs
import pytest
from dependency_injector import providers

from revenge_app.config import Config, IntegrationsConfig
from revenge_app.container import Container
from revenge_domain.ports.catalog_changes import FanOut
from tests.integration.app_server import Server, app_server
from tests.integration.integrations.arr_server import API_KEY, ArrState, arr_server
from tests.integration.support import LOOPBACK
from tests.unit.activity.fakes import RecordedActivity
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


def recording(changes: RecordedChanges) -> Callable[[Container], None]:
    """The syncs' reports reach the catalogue's followers, and `changes` after them; the
    activity log is kept aside (the queue holds only what the integrations put on it)."""

    def override(container: Container) -> None:
        container.core.activity_log.override(providers.Object(RecordedActivity()))
        followed = providers.Singleton(FanOut, container.changes, changes)
        container.integrations.changes.override(followed)

    return override


@pytest.fixture
async def arr_app(
    config: Config, settings: IntegrationsConfig, run_jobs: bool
) -> AsyncIterator[ArrApp]:
    pg_url = config.database.url
    await _reset_sync_states(pg_url)
    radarr, sonarr = ArrState("Radarr"), ArrState("Sonarr")
    changes = RecordedChanges()
    async with arr_server(radarr) as radarr_url, arr_server(sonarr) as sonarr_url:
        wired = attrs.evolve(settings, radarr_base_url=radarr_url, sonarr_base_url=sonarr_url)
        arrs = attrs.evolve(config, integrations=wired, outbound=LOOPBACK)
        async with app_server(arrs, recording(changes), run_jobs=run_jobs) as server:
            yield ArrApp(server, server.queue, changes, radarr, sonarr)
    await _reset_sync_states(pg_url)
