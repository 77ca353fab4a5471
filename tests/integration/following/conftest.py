"""The app as `revenge serve` builds it (the real container over PostgreSQL, Redis, Typesense
and a local TMDb), its HTTP API in a test client, and the worker's own handlers run on demand
for the jobs the app queued."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy.ext.asyncio import AsyncEngine

from revenge_adapters.identity import Argon2PasswordHasher
from revenge_adapters.jobs.handlers import JobHandlers
from revenge_adapters.search import TypesenseSearchIndex
from revenge_app.config import CacheConfig, Config, MetadataConfig, SearchConfig
from revenge_app.container import Container
from revenge_app.embedded.stack import ServiceUrls
from revenge_app.embedded.typesense import TypesenseServer
from revenge_app.http import HttpDeps, create_app
from revenge_app.jobs.handlers import build_handlers
from revenge_app.jobs.container import job_services, resolved
from revenge_app.search_startup import check_search_schemas
from revenge_domain.jobs import Job
from revenge_domain.metadata.jobs import DownloadImage
from tests.integration.metadata.fake_providers import TMDB_KEY, FakeProvider, fake_tmdb, running
from tests.integration.app_server import Account, Server, signed_up
from tests.integration.support import CHEAP, LOOPBACK
from tests.unit.fakes.jobs import FakeDeadLetterStore, FakeJobQueue

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
        schedule = await resolved(self.container.search_schedule())
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
    engine: AsyncEngine,
    pg_url: str,
    redis_url: str,
    key_prefix: str,
    typesense: TypesenseServer,
    tmp_path: Path,
) -> AsyncIterator[App]:
    prefix = f"t{secrets.token_hex(4)}_"
    async with running(fake_tmdb()) as tmdb:
        config = Config(
            data_dir=tmp_path / "data",
            cache=CacheConfig(key_prefix=key_prefix),
            outbound=LOOPBACK,
            search=SearchConfig(collection_prefix=prefix),
            metadata=MetadataConfig(tmdb_api_key=TMDB_KEY, tmdb_base_url=tmdb.base_url),
        )
        urls = ServiceUrls(pg_url, redis_url, typesense.url, typesense.api_key)
        container = Container(config=config, urls=urls)
        container.password_hasher.override(Argon2PasswordHasher(CHEAP))
        await container.init_resources()
        queue = HeldQueue()
        try:
            platform = await resolved(container.jobs())
            container.jobs.override(attrs.evolve(platform, queue=queue))
            handlers = build_handlers(await job_services(container, FakeDeadLetterStore()))
            deps = HttpDeps(use_cases=await resolved(container.use_cases()))
            async with TestClient(TestServer(create_app(config, deps))) as client:
                server = Server(client, FakeJobQueue(), pg_url)
                built = App(server, container, queue, handlers, tmdb)
                await check_search_schemas(container)
                await built.run_jobs()
                yield built
        finally:
            container.jobs.reset_override()
            await container.shutdown_resources()
            index = TypesenseSearchIndex(typesense.url, typesense.api_key, prefix=prefix)
            await index.drop_all()
            await index.close()
