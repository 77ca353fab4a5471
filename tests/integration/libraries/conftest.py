"""The whole app over PostgreSQL and Redis (the libraries' activity kept in memory, jobs only
recorded)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from dependency_injector import providers

from revenge_app.config import Config
from revenge_app.container import Container
from revenge_domain.activity import ActivityEvent
from tests.integration.app_server import Server, app_server
from tests.unit.activity.fakes import RecordedActivity


class LibraryActivity(RecordedActivity):
    """Keeps the libraries' events only (not the sign-ins of the accounts a test makes)."""

    async def record(self, event: ActivityEvent) -> None:
        if event.action.startswith("library."):
            await super().record(event)


@pytest.fixture
def activity() -> RecordedActivity:
    return LibraryActivity()


@pytest.fixture
async def server(config: Config, activity: RecordedActivity) -> AsyncIterator[Server]:
    def recorded(container: Container) -> None:
        container.core.activity_log.override(providers.Object(activity))

    async with app_server(config, recorded, run_jobs=False) as running:
        yield running
