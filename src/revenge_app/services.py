"""Where the services are for any command: configured URLs, a fresh embedded stack, or the
embedded stack of a `revenge serve` that already runs on the same data dir."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import AsyncIterator, Collection
from pathlib import Path

import attrs

from revenge_app.config import Config
from revenge_app.embedded.lock import DataDirInUse
from revenge_app.embedded.pieces import Service, embedded_pieces
from revenge_app.embedded.stack import EmbeddedStack, ProgressCallback, ServiceUrls
from revenge_app.embedded.supervisor import supervised

RUNTIME_FILE = "services.json"
DATABASE_ONLY: tuple[Service, ...] = ("database",)


def configured_urls(config: Config) -> ServiceUrls:
    search = config.search
    return ServiceUrls(
        database_url=config.database.url,
        redis_url=config.cache.url,
        search_url=search.url if search.enabled else "",
        search_api_key=search.api_key if search.enabled else "",
    )


@contextlib.asynccontextmanager
async def service_urls(
    config: Config,
    on_progress: ProgressCallback | None = None,
    *,
    needs: Collection[Service] = ("database", "cache", "search"),
    share: bool = False,
    supervise: bool = False,
) -> AsyncIterator[ServiceUrls]:
    """Yield the URLs of the services in `needs`; embedded pieces live as long as the block.

    When another process (`revenge serve`) holds the data dir, its services are used. With
    `share`, this process publishes its embedded URLs the same way for others. With
    `supervise`, an embedded piece that dies is started again at the same URL.
    """
    pieces = [piece for piece in embedded_pieces(config) if piece.service in needs]
    if not pieces:
        yield configured_urls(config)
        return
    stack = EmbeddedStack(config, on_progress, pieces=pieces)
    try:
        urls = await stack.start()
    except DataDirInUse:
        shared = read_shared_urls(config.data_dir)
        if shared is None:
            raise
        yield shared
        return
    runtime = config.data_dir.expanduser().absolute() / RUNTIME_FILE
    try:
        if share:
            write_shared_urls(runtime, urls)
        async with supervised(stack) if supervise else contextlib.nullcontext():
            yield urls
    finally:
        if share:
            runtime.unlink(missing_ok=True)
        await stack.__aexit__(None, None, None)


def write_shared_urls(path: Path, urls: ServiceUrls) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(attrs.asdict(urls), out)


def read_shared_urls(data_dir: Path) -> ServiceUrls | None:
    """The URLs a running `revenge serve` published in `data_dir`, if any."""
    path = data_dir.expanduser().absolute() / RUNTIME_FILE
    try:
        return ServiceUrls(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def running_redis_url(config: Config) -> str:
    """The configured Redis, else the embedded one of a `revenge serve` running on the data dir."""
    if config.cache.url:
        return config.cache.url
    shared = read_shared_urls(config.data_dir)
    return shared.redis_url if shared else ""
