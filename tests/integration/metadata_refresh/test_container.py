"""The root container's metadata feature: the refresh endpoints' use case and the worker's
refresh handler, with TMDb configured by its settings and answered by the local TMDb server."""

from __future__ import annotations

from pathlib import Path

import asyncpg
from dependency_injector import providers
from sqlalchemy.ext.asyncio import AsyncEngine

from revenge_app.config import CacheConfig, Config, MetadataConfig
from revenge_app.container import Container
from revenge_app.embedded.stack import ServiceUrls
from revenge_app.features import registered, settled
from revenge_app.registry import resolved
from revenge_domain.identity.access import AuthMethod, Principal
from revenge_domain.metadata.jobs import RefreshMovieMetadata
from tests.integration.metadata.fake_providers import TMDB_KEY, FakeProvider
from tests.integration.metadata_refresh.conftest import a_movie
from tests.integration.support import LOOPBACK
from tests.unit.fakes.jobs import FakeJobQueue


async def test_the_worker_refreshes_what_the_endpoint_queued(
    engine: AsyncEngine,
    pg_url: str,
    redis_url: str,
    key_prefix: str,
    connection: asyncpg.Connection,
    local_tmdb: FakeProvider,
    tmp_path: Path,
) -> None:
    config = Config(
        data_dir=tmp_path,
        cache=CacheConfig(key_prefix=key_prefix),
        outbound=LOOPBACK,
        metadata=MetadataConfig(tmdb_api_key=TMDB_KEY, tmdb_base_url=local_tmdb.base_url),
    )
    container = Container(config=config, urls=ServiceUrls(pg_url, redis_url, "", ""))
    queue = FakeJobQueue()
    # Jobs go to the in-memory queue: nothing reaches the Redis streams.
    container.core.queue.override(providers.Object(queue))
    await settled(container.init_resources())
    try:
        movie_id = await a_movie(connection, "The Matrix", 1999)
        requests = (await resolved(container.metadata.services())).refresh
        admin = Principal(
            movie_id, "admin", frozenset({"admin"}), frozenset({"admin:*"}), None, AuthMethod.BEARER
        )
        await requests.movie(admin, movie_id)
        assert queue.enqueued == [RefreshMovieMetadata(force=True, movie_id=movie_id)]

        handler = (await registered(container)).jobs.get(RefreshMovieMetadata.kind)
        assert handler is not None
        await handler(queue.enqueued[0])
    finally:
        await settled(container.shutdown_resources())

    overview = await connection.fetchval(
        "SELECT overview FROM movie.movies WHERE id = $1", movie_id
    )
    assert overview.startswith("Set in the 22nd century")
    assert local_tmdb.hits("/search/movie") == 1
