"""The root container builds the metadata feature's reads from the `metadata` settings."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine

from revenge_adapters.metadata.registry import PROVIDERS
from revenge_app.config import CacheConfig, Config, MetadataConfig, SearchConfig
from revenge_app.container import Container
from revenge_app.embedded.stack import ServiceUrls
from revenge_app.features import settled
from revenge_app.registry import resolved
from tests.integration.metadata.fake_providers import TMDB_KEY, FakeProvider
from tests.integration.support import LOOPBACK
from tests.unit.metadata.example_plugin import EXAMPLE


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
    await settled(container.init_resources())
    try:
        lookup = (await resolved(container.metadata.services())).lookup
        movie = await lookup.movie("603")
        again = await lookup.movie("603")
        statuses = {s.id: s.enabled for s in lookup.providers()}
    finally:
        await settled(container.shutdown_resources())

    assert movie == again
    assert movie.title == "The Matrix"
    assert tmdb_server.hits() == 1
    assert statuses["tmdb"]
    assert not statuses["tvdb"]


async def test_a_provider_registered_once_is_listed_enabled_by_the_container(
    engine: AsyncEngine, pg_url: str, redis_url: str, key_prefix: str, tmp_path: Path
) -> None:
    PROVIDERS.register(EXAMPLE)
    try:
        config = Config(
            data_dir=tmp_path,
            cache=CacheConfig(key_prefix=key_prefix),
            search=SearchConfig(enabled=False),
            metadata=MetadataConfig(example_api_key="k", example_region="NZ"),
        )
        container = Container(config=config, urls=ServiceUrls(pg_url, redis_url, "", ""))
        await settled(container.init_resources())
        try:
            lookup = (await resolved(container.metadata.services())).lookup
            statuses = {s.id: s.enabled for s in lookup.providers()}
        finally:
            await settled(container.shutdown_resources())
    finally:
        PROVIDERS.unregister(EXAMPLE.name)

    assert statuses == {
        "tmdb": False,
        "tvdb": False,
        "omdb": False,
        "fanarttv": False,
        "example": True,
    }
