"""The app's own wiring: the container builds the metadata reads from the `metadata` settings."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from revenge_app.config import CacheConfig, Config, MetadataConfig, SearchConfig
from revenge_app.container import Container
from revenge_app.embedded.stack import ServiceUrls
from revenge_app.jobs.services import resolved
from revenge_domain.metadata.model import Provider
from tests.integration.catalog_server import migrated_engine
from tests.integration.metadata.fake_providers import TMDB_KEY, FakeProvider
from tests.integration.support import LOOPBACK


@pytest.fixture(scope="session")
async def engine(pg_url: str) -> AsyncIterator[AsyncEngine]:
    async with migrated_engine(pg_url) as migrated:
        yield migrated


async def test_the_container_reads_through_the_configured_tmdb_and_the_cache(
    engine: AsyncEngine,
    pg_url: str,
    redis_url: str,
    key_prefix: str,
    tmdb_server: FakeProvider,
    tmp_path: Path,
) -> None:
    config = Config(
        data_dir=tmp_path,
        cache=CacheConfig(key_prefix=key_prefix),
        outbound=LOOPBACK,
        search=SearchConfig(enabled=False),
        metadata=MetadataConfig(tmdb_api_key=TMDB_KEY, tmdb_base_url=tmdb_server.base_url),
    )
    container = Container(config=config, urls=ServiceUrls(pg_url, redis_url, "", ""))
    await container.init_resources()
    try:
        use_cases = await resolved(container.use_cases())
        assert use_cases.metadata is not None
        movie = await use_cases.metadata.movie("603")
        again = await use_cases.metadata.movie("603")
        statuses = {s.id: s.enabled for s in use_cases.metadata.providers()}
    finally:
        await container.shutdown_resources()

    assert movie == again
    assert movie.title == "The Matrix"
    assert tmdb_server.hits() == 1
    assert statuses[Provider.TMDB]
    assert not statuses[Provider.TVDB]
