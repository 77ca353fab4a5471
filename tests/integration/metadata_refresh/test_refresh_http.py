"""The refresh endpoints end to end: POST queues the job (202 with its id), the job runs with the
app's own handlers over PostgreSQL, and the movie's overview, people and poster show through the
catalogue endpoints (its cached answers dropped by the reported changes)."""

from __future__ import annotations

import contextlib
import random
import secrets
import uuid
from collections.abc import AsyncIterator
from typing import Any
from uuid import UUID

import asyncpg
import attrs
import pytest
from dependency_injector import providers

from revenge_adapters.metadata.plugin import MetadataProviders, ProviderAdapters
from revenge_app.config import Config
from revenge_app.container import Container
from revenge_domain.jobs import Job
from revenge_domain.metadata.jobs import RefreshMovieMetadata, RefreshSeriesMetadata
from revenge_domain.metadata.lookup import PRIMARY
from tests.integration.app_server import Server, app_server, signed_up
from tests.integration.metadata.fake_providers import FakeProvider
from tests.integration.metadata.server import with_providers
from tests.integration.metadata_refresh.conftest import a_movie, library
from tests.integration.support import PASSWORD
from tests.unit.activity.fakes import RecordedActivity
from tests.unit.fakes.jobs import FakeJobQueue
from tests.unit.metadata_refresh import values
from tests.unit.metadata_refresh.fakes import FakeTmdb

MOVIES = "/api/v1/movies"


@attrs.define
class Refreshable:
    """The app, the queue its endpoints put jobs on, and how to run what they queued."""

    server: Server
    queued: FakeJobQueue
    tmdb: FakeTmdb

    async def run_queued(self) -> list[Job]:
        """Runs every job queued so far (and what they queue) with the app's job handlers."""
        running = FakeJobQueue(self.server.features.jobs)
        jobs, self.queued.enqueued[:] = list(self.queued.enqueued), []
        for job in jobs:
            await running.enqueue(job)
        return jobs


def only_tmdb(fake: FakeTmdb) -> MetadataProviders:
    """The `fake` TMDb port as the one configured provider."""
    adapters = ProviderAdapters(close=fake_close, movies=fake, series=fake, people=fake)
    return MetadataProviders({PRIMARY: adapters})


async def fake_close() -> None:
    return None


@contextlib.asynccontextmanager
async def refreshable(config: Config, fake: FakeTmdb | None = None) -> AsyncIterator[Refreshable]:
    """The whole app, its jobs only queued and its activity kept aside; its refresh jobs use the
    providers configured in `config`, or the `fake` TMDb port in their place."""
    tmdb = fake or FakeTmdb()

    def override(container: Container) -> None:
        container.core.activity_log.override(providers.Object(RecordedActivity()))
        if fake is not None:
            container.metadata.sources.override(providers.Object(only_tmdb(fake)))

    async with app_server(config, override, run_jobs=False) as server:
        yield Refreshable(server, server.queue, tmdb)


@pytest.fixture
async def app(config: Config) -> AsyncIterator[Refreshable]:
    async with refreshable(config, FakeTmdb()) as running:
        yield running


async def got(app: Refreshable, path: str, headers: dict[str, str], status: int = 200) -> Any:
    response = await app.server.client.get(path, headers=headers)
    assert response.status == status, await response.text()
    return await response.json()


async def test_refreshing_a_movie_fills_overview_people_and_poster(
    app: Refreshable, connection: asyncpg.Connection
) -> None:
    _, admin = await with_role(app, connection, "admin")
    tmdb_id = str(random.randint(10_000_000, 99_999_999))
    movie_id = await a_movie(connection, "The Matrix", 1999)
    await connection.execute(
        "UPDATE movie.movies SET tmdb_id = $2 WHERE id = $1", movie_id, int(tmdb_id)
    )
    app.tmdb.movies[(tmdb_id, "en")] = values.movie(id=tmdb_id, imdb_id=None, collection=None)
    before = await got(app, f"{MOVIES}/{movie_id}", admin)  # now in the catalogue cache
    assert before["overview"] is None

    response = await app.server.client.post(f"{MOVIES}/{movie_id}/refresh", headers=admin)

    assert response.status == 202, await response.text()
    body = await response.json()
    assert body["message"] == "Metadata refresh queued"
    assert body["job_id"] == "job-1"  # the in-memory queue's id of the job
    assert app.queued.enqueued == [RefreshMovieMetadata(force=True, movie_id=movie_id)]
    assert app.tmdb.calls == []  # nothing reached the provider in the request

    await app.run_queued()

    movie = await got(app, f"{MOVIES}/{movie_id}", admin)
    assert movie["overview"] == "A hacker learns the truth."
    assert movie["poster_path"] == "/matrix-poster.jpg"
    cast = await got(app, f"{MOVIES}/{movie_id}/cast", admin)
    assert [(c["name"], c["character"]) for c in cast["items"]] == [
        ("Keanu Reeves", "Neo"),
        ("Laurence Fishburne", "Morpheus"),
    ]
    assert cast["items"][0]["profile_path"] == "/keanu.jpg"


async def test_refreshing_a_tv_show_queues_its_job(
    app: Refreshable, connection: asyncpg.Connection
) -> None:
    _, admin = await with_role(app, connection, "admin")
    series_id = await connection.fetchval(
        "INSERT INTO tvshow.series (library_id, title) VALUES ($1, 'Game of Thrones') RETURNING id",
        await library(connection, "tvshow"),
    )

    response = await app.server.client.post(f"/api/v1/tvshows/{series_id}/refresh", headers=admin)

    assert response.status == 202, await response.text()
    assert app.queued.enqueued == [RefreshSeriesMetadata(force=True, series_id=series_id)]


async def with_role(
    app: Refreshable, connection: asyncpg.Connection, role: str
) -> tuple[UUID, dict[str, str]]:
    """A new account holding exactly `role`, signed in with a bearer token."""
    account = await signed_up(app.server)
    await connection.execute("DELETE FROM shared.user_roles WHERE user_id = $1", account.user_id)
    await connection.execute(
        "INSERT INTO shared.user_roles (user_id, role) VALUES ($1, $2)", account.user_id, role
    )
    body = {"username": account.name, "password": PASSWORD}
    login = await app.server.client.post("/api/v1/auth/login", json=body)
    assert login.status == 200
    app.server.client.session.cookie_jar.clear()
    token = (await login.json())["access_token"]
    return account.user_id, {"Authorization": f"Bearer {token}"}


async def curator(
    app: Refreshable, connection: asyncpg.Connection, admin: dict[str, str]
) -> tuple[UUID, dict[str, str]]:
    """A user who may change movies but manages no library: such a user reads only the
    libraries granted to them."""
    role = f"curator_{secrets.token_hex(4)}"
    granted = [
        {"resource": resource, "action": action}
        for resource, action in (("movies", "update"), ("movies", "get"), ("profile", "read"))
    ]
    body = {"name": role, "permissions": granted}
    created = await app.server.client.post("/api/v1/rbac/roles", json=body, headers=admin)
    assert created.status == 201, await created.text()
    return await with_role(app, connection, role)


async def test_a_user_without_movies_update_may_not_refresh(
    app: Refreshable, connection: asyncpg.Connection
) -> None:
    _, viewer = await with_role(app, connection, "user")
    movie_id = await a_movie(connection, "The Matrix", 1999)

    refused = await app.server.client.post(f"{MOVIES}/{movie_id}/refresh", headers=viewer)

    assert refused.status == 403
    assert app.queued.enqueued == []


async def test_an_item_the_caller_cannot_read_or_that_does_not_exist_is_not_found(
    app: Refreshable, connection: asyncpg.Connection
) -> None:
    _, admin = await with_role(app, connection, "admin")
    user_id, headers = await curator(app, connection, admin)
    movie_id = await a_movie(connection, "The Matrix", 1999)

    for path in (f"{MOVIES}/{movie_id}/refresh", f"{MOVIES}/{uuid.uuid4()}/refresh"):
        hidden = await app.server.client.post(path, headers=headers)
        assert hidden.status == 404, await hidden.text()
    path = f"/api/v1/tvshows/{uuid.uuid4()}/refresh"
    assert (await app.server.client.post(path, headers=admin)).status == 404
    assert app.queued.enqueued == []

    library_id = await connection.fetchval(
        "SELECT library_id FROM movie.movies WHERE id = $1", movie_id
    )
    grant = {"user_id": str(user_id), "permission": "view"}
    path = f"/api/v1/libraries/{library_id}/permissions"
    assert (await app.server.client.post(path, json=grant, headers=admin)).status == 201
    granted = await app.server.client.post(f"{MOVIES}/{movie_id}/refresh", headers=headers)
    assert granted.status == 202, await granted.text()


async def test_a_refresh_through_the_tmdb_adapter_fills_the_movie(
    config: Config, connection: asyncpg.Connection, local_tmdb: FakeProvider
) -> None:
    """Production wiring from the settings to the TMDb adapter, pointed at the local TMDb."""
    async with refreshable(with_providers(config, local_tmdb)) as app:
        _, admin = await with_role(app, connection, "admin")
        movie_id = await a_movie(connection, "The Matrix", 1999)
        response = await app.server.client.post(f"{MOVIES}/{movie_id}/refresh", headers=admin)
        assert response.status == 202
        assert local_tmdb.hits() == 0

        await app.run_queued()

        movie = await got(app, f"{MOVIES}/{movie_id}", admin)
        cast = await got(app, f"{MOVIES}/{movie_id}/cast", admin)
    assert movie["overview"].startswith("Set in the 22nd century, The Matrix tells the story")
    assert movie["poster_path"] == "/f89U3ADr1oiB1s9GkdPOEpXUk5H.jpg"
    assert movie["runtime"] == 136
    assert [c["name"] for c in cast["items"][:3]] == [
        "Keanu Reeves",
        "Laurence Fishburne",
        "Carrie-Anne Moss",
    ]
    searched = [seen for seen in local_tmdb.seen if seen.path == "/search/movie"]
    assert searched[0].query["query"] == "The Matrix"


async def test_a_job_queue_that_cannot_be_reached_is_a_503_with_retry_after(
    app: Refreshable, connection: asyncpg.Connection
) -> None:
    _, admin = await with_role(app, connection, "admin")
    movie_id = await a_movie(connection, "The Matrix", 1999)
    app.queued.unreachable = True

    refused = await app.server.client.post(f"{MOVIES}/{movie_id}/refresh", headers=admin)

    assert refused.status == 503
    assert refused.headers["Retry-After"].isdigit()
    assert (await refused.json())["error"] == "job_queue_unavailable"
    assert app.queued.enqueued == []
