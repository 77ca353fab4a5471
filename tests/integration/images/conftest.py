"""The real app with the image cache wired as the server wires it, pointed at local image hosts."""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import AsyncIterator
from pathlib import Path

import attrs
import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.libraries import PgLibraryStore
from revenge_app.config import Config, ImagesConfig
from revenge_app.http import HttpDeps, create_app
from revenge_app.http.state import UseCases
from revenge_app.wiring_images import image_cache, image_fetcher
from revenge_domain.images import ImageCache
from revenge_domain.libraries import LibrarySettings, LibraryType
from tests.integration.images.image_host import ImageHost, image_host
from tests.integration.support import Client
from tests.unit.images.pictures import picture

Sessions = async_sessionmaker[AsyncSession]
MAX_BYTES = 1024 * 1024


@pytest.fixture
async def host() -> AsyncIterator[ImageHost]:
    async with image_host() as running:
        yield running


@pytest.fixture
async def other_host() -> AsyncIterator[ImageHost]:
    async with image_host() as running:
        yield running


@attrs.frozen
class ImageServer:
    client: Client
    cache: ImageCache
    config: Config


def images_config(tmp_path: Path, base_url: str, *, allow_private: bool = True) -> Config:
    images = ImagesConfig(
        tmdb_base_url=base_url,
        allow_private_addresses=allow_private,
        max_bytes=MAX_BYTES,
        timeout_s=1.0,
    )
    return Config(data_dir=tmp_path, images=images)


@contextlib.asynccontextmanager
async def image_server(config: Config, sessions: Sessions) -> AsyncIterator[ImageServer]:
    fetcher = image_fetcher(config)
    cache = image_cache(config, fetcher, sessions)
    app = create_app(config, HttpDeps(use_cases=UseCases(images=cache)))
    try:
        async with TestClient(TestServer(app)) as client:
            yield ImageServer(client, cache, config)
    finally:
        await fetcher.close()


@pytest.fixture
async def server(tmp_path: Path, host: ImageHost, sessions: Sessions) -> AsyncIterator[ImageServer]:
    async with image_server(images_config(tmp_path, host.base_url()), sessions) as running:
        yield running


@attrs.frozen
class Library:
    id: str
    folder: Path
    outside: Path


@pytest.fixture
async def library(tmp_path: Path, sessions: Sessions) -> Library:
    """A movie library over a folder with a poster beside the video, and a secret beside it."""
    folder = tmp_path / "movies"
    (folder / "Heat (1995)").mkdir(parents=True)
    (folder / "Heat (1995)" / "Heat (1995).mkv").write_bytes(b"not really a video")
    (folder / "Heat (1995)" / "poster.jpg").write_bytes(picture(600, 900))
    outside = tmp_path / "secret.jpg"
    outside.write_bytes(picture(10, 10))
    settings = LibrarySettings(
        name=f"Movies {secrets.token_hex(4)}", type=LibraryType.MOVIE, paths=(str(folder),)
    )
    added = await PgLibraryStore(sessions).add(settings)
    return Library(str(added.id), folder, outside)
