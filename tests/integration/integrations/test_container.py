"""The root container's integrations feature: Radarr configured by its settings, the admin sync
queued through the feature's use case and run by the worker's handler."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

from dependency_injector import providers
from sqlalchemy.ext.asyncio import AsyncEngine

from revenge_adapters.libraries import PgLibraryStore
from revenge_app.config import CacheConfig, Config, IntegrationsConfig
from revenge_app.container import Container
from revenge_app.embedded.stack import ServiceUrls
from revenge_app.features import registered, settled
from revenge_app.registry import resolved
from revenge_domain.integrations.jobs import RadarrSync
from revenge_domain.libraries.model import LibrarySettings, LibraryType
from tests.integration.integrations.api import folder, radarr_movies
from tests.integration.integrations.arr_server import API_KEY, ArrState, arr_server, radarr_movie
from tests.integration.support import LOOPBACK
from tests.unit.fakes.jobs import FakeJobQueue


async def test_the_worker_runs_the_sync_the_admin_use_case_queued(
    engine: AsyncEngine,
    pg_url: str,
    redis_url: str,
    key_prefix: str,
    media_root: Path,
    ids: Iterator[int],
    tmp_path: Path,
) -> None:
    films = folder(media_root, "films")
    radarr = ArrState("Radarr")
    movie_id = next(ids)
    radarr.movies = [radarr_movie(movie_id, "Heat", 1995, f"{films}/Heat", next(ids), next(ids))]
    async with arr_server(radarr) as radarr_url:
        settings = IntegrationsConfig(
            radarr_enabled=True, radarr_base_url=radarr_url, radarr_api_key=API_KEY
        )
        config = Config(
            data_dir=tmp_path,
            cache=CacheConfig(key_prefix=key_prefix),
            integrations=settings,
            outbound=LOOPBACK,
        )
        container = Container(config=config, urls=ServiceUrls(pg_url, redis_url, "", ""))
        queue = FakeJobQueue()
        # Jobs go to the in-memory queue: nothing reaches the Redis streams.
        container.core.queue.override(providers.Object(queue))
        await settled(container.init_resources())
        try:
            sessions = await resolved(container.core.sessions())
            await PgLibraryStore(sessions).add(
                LibrarySettings(f"films {uuid.uuid4().hex[:6]}", LibraryType.MOVIE, (str(films),))
            )
            integrations = await resolved(container.integrations.admin())
            await integrations.radarr.admin.request_sync()
            assert queue.enqueued == [RadarrSync()]

            handler = (await registered(container)).jobs.get(RadarrSync.kind)
            assert handler is not None
            await handler(queue.enqueued[0])
        finally:
            await settled(container.shutdown_resources())
    [placed] = await radarr_movies(pg_url, [movie_id])
    assert placed["title"] == "Heat"
