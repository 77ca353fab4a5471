"""The whole app, its image settings pointed at local image hosts."""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import AsyncIterator
from pathlib import Path

import attrs
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.jobs.handlers import JobHandlers
from revenge_adapters.libraries import PgLibraryStore
from revenge_app.config import Config, ImagesConfig
from revenge_domain.libraries import LibrarySettings, LibraryType
from tests.integration.app_server import app_server
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
    jobs: JobHandlers


def images_config(config: Config, base_url: str, *, allow_private: bool = True) -> Config:
    images = ImagesConfig(
        tmdb_base_url=base_url,
        allow_private_addresses=allow_private,
        max_bytes=MAX_BYTES,
        timeout_s=1.0,
    )
    return attrs.evolve(config, images=images)


@contextlib.asynccontextmanager
async def image_server(config: Config) -> AsyncIterator[ImageServer]:
    async with app_server(config, run_jobs=False) as server:
        yield ImageServer(server.client, server.features.jobs)


@pytest.fixture
async def server(config: Config, host: ImageHost) -> AsyncIterator[ImageServer]:
    async with image_server(images_config(config, host.base_url())) as running:
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
