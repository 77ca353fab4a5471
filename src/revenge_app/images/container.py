"""Artwork: fetched from the providers or the library folders, resized, kept on disk."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

from aiohttp import web
from dependency_injector import containers, providers
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.images import (
    DiskImageStore,
    HttpImageFetcher,
    LibraryArtworkFiles,
    PillowImageResizer,
)
from revenge_adapters.libraries import PgLibraryStore
from revenge_app.config import Config
from revenge_app.core.outbound import image_policy
from revenge_domain.images import ImageCache, Provider

IMAGES = web.AppKey("images", ImageCache)


def image_cache_dir(config: Config) -> Path:
    chosen = config.images.cache_dir
    return Path(chosen).expanduser() if chosen else config.data_dir / "cache" / "images"


def image_fetcher(config: Config) -> HttpImageFetcher:
    images = config.images
    bases = {
        Provider.TMDB: images.tmdb_base_url,
        Provider.FANART: images.fanart_base_url,
        Provider.TVDB: images.tvdb_base_url,
    }
    return HttpImageFetcher(
        bases,
        policy=image_policy(config),
        max_bytes=images.max_bytes,
        timeout_s=images.timeout_s,
    )


async def open_image_fetcher(config: Config) -> AsyncIterator[HttpImageFetcher]:
    fetcher = image_fetcher(config)
    yield fetcher
    await fetcher.close()


def image_cache(
    config: Config, fetcher: HttpImageFetcher, sessions: async_sessionmaker[AsyncSession]
) -> ImageCache:
    return ImageCache(
        store=DiskImageStore(image_cache_dir(config), config.images.cache_max_bytes),
        fetcher=fetcher,
        artwork=LibraryArtworkFiles(config.images.max_bytes),
        resizer=PillowImageResizer(config.images.max_pixels),
        libraries=PgLibraryStore(sessions),
    )


class ImagesContainer(containers.DeclarativeContainer):
    core = providers.DependenciesContainer()

    fetcher = providers.Resource(open_image_fetcher, core.config)
    cache = providers.Singleton(image_cache, core.config, fetcher, core.sessions)
