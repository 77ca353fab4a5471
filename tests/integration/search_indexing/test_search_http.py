"""Through the real HTTP app: the reindex endpoints, and accounts followed into the index."""

from __future__ import annotations

import asyncio
import io
import secrets
from collections.abc import AsyncIterator
from typing import Any
from uuid import UUID

import aiohttp
import asyncpg
import attrs
import pytest
import redis.asyncio as aioredis
from aiohttp import web
from aiohttp.test_utils import TestClient
from dependency_injector import providers
from PIL import Image
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from typesense import AsyncClient

from revenge_adapters.search.documents import PgSearchDocuments
from revenge_adapters.search.pending import RedisPendingChanges
from revenge_app.config import Config
from revenge_app.container import Container
from revenge_domain.ports.catalog_changes import Entity
from revenge_domain.search import Document, OneOf, SearchQuery
from revenge_domain.search.indexing import IndexingSchedule
from revenge_domain.search.reindexing import (
    EVERY_COLLECTION,
    TV_COLLECTIONS,
    RebuildSearch,
    rebuild,
)
from tests.integration.app_server import app_server
from tests.integration.search_indexing import rows
from tests.integration.search_indexing.conftest import CountingIndex
from tests.integration.support import PASSWORD
from tests.unit.fakes.jobs import FakeJobQueue

Client = TestClient[web.Request, web.Application]


@attrs.define
class Clock:
    now: float = 1000.0

    def __call__(self) -> float:
        return self.now


@attrs.frozen
class Running:
    client: Client
    queue: FakeJobQueue
    clock: Clock
    index: CountingIndex


@pytest.fixture
async def running(
    config: Config, redis: aioredis.Redis, key_prefix: str, index: CountingIndex
) -> AsyncIterator[Running]:
    """The whole app indexing into `index`, its jobs run at once on a clock of the test's."""
    clock = Clock()
    queue = FakeJobQueue(clock=clock)
    schedule = IndexingSchedule(RedisPendingChanges(redis, key_prefix), queue, clock)

    def indexing(container: Container) -> None:
        container.core.queue.override(providers.Object(queue))
        container.core.search_index.override(providers.Object(index))
        container.search.schedule.override(providers.Object(schedule))

    async with app_server(config, indexing, run_jobs=False) as server:
        queue.run_with(server.features.jobs)
        yield Running(server.client, queue, clock, index)


async def sign_up(running: Running, pg_url: str, admin: bool = False) -> tuple[UUID, str]:
    """A fresh account (an admin when asked); its id and bearer header value."""
    client = running.client
    running.clock.now += 10  # each step in a window of its own: its job runs at once
    name = f"u{secrets.token_hex(5)}"
    body = {"username": name, "email": f"{name}@example.com", "password": PASSWORD}
    registered = await client.post("/api/v1/auth/register", json=body)
    assert registered.status == 201
    user_id = UUID((await registered.json())["id"])
    if admin:
        db = await asyncpg.connect(pg_url)
        await db.execute("UPDATE shared.users SET is_admin = true WHERE id = $1", user_id)
        await db.close()
    login = await client.post("/api/v1/auth/login", json={"username": name, "password": PASSWORD})
    client.session.cookie_jar.clear()
    return user_id, f"Bearer {(await login.json())['access_token']}"


def avatar() -> aiohttp.FormData:
    """A small PNG as the avatar form sends it."""
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, format="PNG")
    form = aiohttp.FormData()
    form.add_field("file", out.getvalue(), filename="me.png", content_type="image/png")
    return form


async def user_document(index: CountingIndex, user_id: UUID) -> dict[str, Any] | None:
    query = SearchQuery(query_by=("username",), filter_by=OneOf("id", (str(user_id),)))
    found = await index.search("users", query)
    return dict(found.hits[0].document) if found.hits else None


async def live_collection(raw: AsyncClient, index: CountingIndex, name: str) -> str:
    return str((await raw.aliases[index.prefix + name].retrieve())["collection_name"])


async def test_a_full_reindex_answers_202_and_swaps_in_complete_collections(
    running: Running, pg_url: str, raw: AsyncClient, engine: object
) -> None:
    db = await asyncpg.connect(pg_url)
    film = await rows.film(db, f"Reindexed {secrets.token_hex(2)}")
    movies = await db.fetchval("SELECT count(*) FROM movie.movies WHERE deleted_at IS NULL")
    await db.close()
    _, admin = await sign_up(running, pg_url, admin=True)
    before = await live_collection(raw, running.index, "movies")

    answer = await running.client.post("/api/v1/search/reindex", headers={"Authorization": admin})

    assert answer.status == 202
    body = await answer.json()
    assert body["message"] == "Reindex job started"
    assert body["job_id"] == "job-1" or body["job_id"].startswith("job-")
    assert running.queue.enqueued[-1] == RebuildSearch(EVERY_COLLECTION)
    assert await live_collection(raw, running.index, "movies") != before
    everything = SearchQuery(query_by=("title",), per_page=1)
    assert (await running.index.search("movies", everything)).found == movies
    mine = SearchQuery(query_by=("title",), filter_by=OneOf("id", (str(film.movie_id),)))
    assert (await running.index.search("movies", mine)).found == 1


async def test_the_tv_reindex_rebuilds_the_tv_collections_only(
    running: Running, pg_url: str, raw: AsyncClient
) -> None:
    _, admin = await sign_up(running, pg_url, admin=True)
    movies = await live_collection(raw, running.index, "movies")
    seasons = await live_collection(raw, running.index, "seasons")

    answer = await running.client.post(
        "/api/v1/search/tvshows/reindex", headers={"Authorization": admin}
    )

    assert answer.status == 202
    assert (await answer.json())["message"] == "TV show reindex job started"
    assert running.queue.enqueued[-1] == RebuildSearch(TV_COLLECTIONS)
    assert await live_collection(raw, running.index, "seasons") != seasons
    assert await live_collection(raw, running.index, "movies") == movies


async def test_only_admins_may_reindex(running: Running, pg_url: str) -> None:
    _, user = await sign_up(running, pg_url)
    for path in ("/api/v1/search/reindex", "/api/v1/search/tvshows/reindex"):
        answer = await running.client.post(path, headers={"Authorization": user})
        assert answer.status == 403
        assert (await answer.json())["code"] == 403
    assert not any(isinstance(job, RebuildSearch) for job in running.queue.enqueued)


PAUSED_BATCHES = 3


@attrs.define
class SlowDocuments:
    """The catalogue's documents, with a pause and a search after each of the first batches."""

    inner: PgSearchDocuments
    between: Any
    batches: int = 0

    async def documents(self, entity: Entity, ids: Any) -> list[Document]:
        return await self.inner.documents(entity, ids)

    async def related(self, entity: Entity, ids: Any) -> dict[Entity, set[UUID]]:
        return await self.inner.related(entity, ids)

    async def every_document(self, entity: Entity, batch_size: int) -> Any:
        async for batch in self.inner.every_document(entity, batch_size):
            half = len(batch) // 2
            for part in (batch[:half], batch[half:]):  # two batches even from a small catalogue
                self.batches += 1
                if self.batches <= PAUSED_BATCHES:
                    await self.between()
                yield part


async def test_searches_answer_from_the_old_collection_during_a_rebuild(
    sessions: async_sessionmaker[AsyncSession], index: CountingIndex, pg_url: str, raw: AsyncClient
) -> None:
    db = await asyncpg.connect(pg_url)
    film = await rows.film(db, f"Still there {secrets.token_hex(2)}")
    await rows.film(db, f"Also there {secrets.token_hex(2)}")
    await db.close()
    documents = PgSearchDocuments(sessions)
    await index.upsert("movies", await documents.documents(Entity.MOVIE, [film.movie_id]))
    before = await live_collection(raw, index, "movies")
    wanted = SearchQuery(query_by=("title",), filter_by=OneOf("id", (str(film.movie_id),)))
    seen: list[int] = []

    async def search_meanwhile() -> None:
        await asyncio.sleep(0.05)
        seen.append((await index.search("movies", wanted)).found)

    slow = SlowDocuments(documents, search_meanwhile)
    results = await rebuild(index, slow, ("movies",), batch_size=500)

    assert slow.batches >= 2
    assert len(seen) == min(slow.batches, PAUSED_BATCHES)
    assert all(found == 1 for found in seen)
    assert results[0].swapped
    assert await live_collection(raw, index, "movies") != before
    assert (await index.search("movies", wanted)).found == 1


async def test_accounts_are_followed_into_the_users_collection(
    running: Running, pg_url: str
) -> None:
    _, admin = await sign_up(running, pg_url, admin=True)
    user_id, user = await sign_up(running, pg_url)
    document = await user_document(running.index, user_id)
    assert document is not None
    assert document["is_admin"] is False

    running.clock.now += 10
    changed = await running.client.put(
        "/api/v1/users/me", json={"display_name": "Grace Hopper"}, headers={"Authorization": user}
    )
    assert changed.status == 200
    document = await user_document(running.index, user_id)
    assert document is not None
    assert document["display_name"] == "Grace Hopper"

    running.clock.now += 10
    uploaded = await running.client.post(
        "/api/v1/users/me/avatar", data=avatar(), headers={"Authorization": user}
    )
    assert uploaded.status in (200, 201)
    document = await user_document(running.index, user_id)
    assert document is not None
    assert f"/api/v1/users/{user_id}/avatar" in document["avatar_url"]

    running.clock.now += 10
    deleted = await running.client.delete(
        f"/api/v1/admin/users/{user_id}", headers={"Authorization": admin}
    )
    assert deleted.status == 204
    assert await user_document(running.index, user_id) is None
