"""The app as `revenge serve` builds it (the root container over PostgreSQL, Redis, Typesense
and a local TMDb), its HTTP API in a test client, and the worker's own handlers run on demand
for the jobs the app queued."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from dependency_injector import providers
from sqlalchemy.ext.asyncio import AsyncEngine

from revenge_adapters.jobs.handlers import JobHandlers
from revenge_adapters.search import TypesenseSearchIndex
from revenge_app.container import Container
from revenge_app.embedded.typesense import TypesenseServer
from revenge_app.registry import resolved
from revenge_app.search.background import check_search_schemas
from revenge_domain.jobs import Job
from revenge_domain.metadata.jobs import DownloadImage
from tests.integration.app_server import Account, Server, app_config, app_server, signed_up
from tests.integration.metadata.fake_providers import TMDB_KEY, FakeProvider, fake_tmdb, running

# Artwork downloads reach the providers' image hosts, which tests cannot: they stay queued.
NOT_RUN = frozenset({DownloadImage.kind})


class HeldQueue:
    """Keeps what the app queued until `App.run_jobs`, as the real queue keeps a job until its
    delay passed and a worker took it."""

    def __init__(self) -> None:
        self.waiting: list[Job] = []
        self.held: list[Job] = []

    async def enqueue(self, job: Job, *, delay_s: float = 0) -> str:
        self.waiting.append(job)
        return f"job-{secrets.token_hex(4)}"


@attrs.frozen
class App:
    server: Server
    container: Container
    queue: HeldQueue
    handlers: JobHandlers
    tmdb: FakeProvider

    async def run_jobs(self, hold: frozenset[str] = frozenset()) -> list[str]:
        """Run every queued job (and those they queue) with the worker's handlers, but those of
        the kinds in `hold`; a handler's failure fails the test. Answers the kinds run.

        Jobs run here at once, not after their delay, so a change reported right after an
        indexing job ran can find no job coming for it: the schedule's sweep queues one, as the
        periodic sweep would."""
        ran: list[str] = []
        schedule = await resolved(self.container.search.schedule())
        for _ in range(3):
            await self._drain(hold, ran)
            if not await schedule.sweep():
                break
        return ran

    async def _drain(self, hold: frozenset[str], ran: list[str]) -> None:
        while self.queue.waiting:
            job = self.queue.waiting.pop(0)
            if job.kind in NOT_RUN | hold:
                self.queue.held.append(job)
                continue
            handler = self.handlers.get(job.kind)
            assert handler is not None, job.kind
            await handler(job)
            ran.append(job.kind)

    def release(self, kind: str) -> list[Job]:
        """Queue again the held jobs of `kind`."""
        released = [job for job in self.queue.held if job.kind == kind]
        self.queue.held = [job for job in self.queue.held if job.kind != kind]
        self.queue.waiting.extend(released)
        return released

    async def account(self, admin: bool = False) -> Account:
        return await signed_up(self.server, admin=admin)

    async def get(self, path: str, account: Account, **params: Any) -> Any:
        response = await self.server.client.get(path, params=params, headers=account.headers)
        assert response.status == 200, await response.text()
        return await response.json()


@pytest.fixture
async def app(
    pg_url: str,
    engine: AsyncEngine,
    redis_url: str,
    key_prefix: str,
    typesense: TypesenseServer,
    tmp_path: Path,
) -> AsyncIterator[App]:
    async with running(fake_tmdb()) as tmdb:
        config = app_config(
            pg_url,
            redis_url,
            key_prefix,
            tmp_path / "data",
            search=typesense,
            outbound__allow_http=True,
            outbound__allow_private_addresses=True,
            metadata__tmdb_api_key=TMDB_KEY,
            metadata__tmdb_base_url=tmdb.base_url,
        )
        queue = HeldQueue()

        def held(container: Container) -> None:
            container.core.queue.override(providers.Object(queue))

        try:
            async with app_server(config, held, run_jobs=False) as server:
                built = App(server, server.container, queue, server.features.jobs, tmdb)
                index = await resolved(server.container.search.index())
                await check_search_schemas(index, queue)
                await built.run_jobs()
                yield built
        finally:
            prefix = config.search.collection_prefix
            index = TypesenseSearchIndex(typesense.url, typesense.api_key, prefix=prefix)
            await index.drop_all()
            await index.close()
