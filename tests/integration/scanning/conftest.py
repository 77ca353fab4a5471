"""A real app over PostgreSQL and Redis with libraries, both catalogues and scanning wired in;
scan and match jobs run inline through the in-memory queue with the app's own handlers."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import AsyncIterator, Collection, Iterator
from pathlib import Path
from uuid import UUID

import attrs
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from revenge_adapters.cache import TwoLevelCache
from revenge_adapters.jobs.handlers import JobHandlers
from revenge_adapters.libraries import PgLibraryAccess
from revenge_app.config import ScanningConfig
from revenge_app.http.state import UseCases
from revenge_app.jobs.scan_jobs import register_scan_jobs
from revenge_app.wiring import with_movies, with_tvshows
from revenge_app.wiring_scanning import build_scanning, with_scanning
from revenge_domain.ports.catalog_changes import Entity
from revenge_domain.scanning import Scanning
from tests.integration.catalog_server import Sessions, catalog_server
from tests.integration.app_server import Server
from tests.unit.fakes.catalog_changes import RecordedChanges
from tests.unit.fakes.jobs import FakeJobQueue

CATALOGUE_PREFIXES = ("movies:", "tvshow:")


class ForgetfulCatalogue(RecordedChanges):
    """Records every report and drops the catalogue cache, as the catalogue's own follower
    does in the server, so reads right after a scan see it."""

    def __init__(self, cache: TwoLevelCache) -> None:
        super().__init__()
        self._cache = cache

    async def changed(self, entity: Entity, ids: Collection[UUID]) -> None:
        await super().changed(entity, ids)
        await self._forget()

    async def removed(self, entity: Entity, ids: Collection[UUID]) -> None:
        await super().removed(entity, ids)
        await self._forget()

    async def _forget(self) -> None:
        for prefix in CATALOGUE_PREFIXES:
            await self._cache.invalidate_prefix(prefix)


@attrs.frozen
class ScanServer:
    server: Server
    queue: FakeJobQueue
    scanning: Scanning
    changes: ForgetfulCatalogue


@pytest.fixture
async def scan_server(
    engine: AsyncEngine, pg_url: str, redis_url: str, key_prefix: str
) -> AsyncIterator[ScanServer]:
    handlers = JobHandlers()
    queue = FakeJobQueue(handlers)
    built: dict[str, object] = {}

    def catalogue(
        use_cases: UseCases, sessions: Sessions, access: PgLibraryAccess, cache: TwoLevelCache
    ) -> UseCases:
        use_cases = with_tvshows(
            with_movies(use_cases, sessions, access, cache), sessions, access, cache
        )
        changes = ForgetfulCatalogue(cache)
        scanning = build_scanning(sessions, queue, changes, ScanningConfig())
        register_scan_jobs(handlers, scanning)
        built.update(scanning=scanning, changes=changes)
        return with_scanning(use_cases, scanning)

    async with catalog_server(engine, pg_url, redis_url, key_prefix, catalogue) as server:
        scanning, changes = built["scanning"], built["changes"]
        assert isinstance(scanning, Scanning)
        assert isinstance(changes, ForgetfulCatalogue)
        yield ScanServer(server, queue, scanning, changes)


@pytest.fixture(scope="session")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real one-second video (H.264 160x120 with an English AAC track) made with ffmpeg."""
    assert shutil.which("ffmpeg"), "ffmpeg is needed (.ci/run installs it)"
    path = tmp_path_factory.mktemp("clip") / "clip.mkv"
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-f",
            "lavfi",
            "-i",
            "testsrc=duration=1:size=160x120:rate=5",
            "-f",
            "lavfi",
            "-i",
            "sine=duration=1",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-c:a",
            "aac",
            "-metadata:s:a:0",
            "language=eng",
            "-shortest",
            "-y",
            str(path),
        ],
        check=True,
    )
    return path


@pytest.fixture
def media_root() -> Iterator[Path]:
    """A folder anyone may read (some tests scan with less privilege than root)."""
    folder = Path(tempfile.mkdtemp(prefix="revenge-scan-"))
    folder.chmod(0o755)
    yield folder
    for path, folders, _ in os.walk(folder):
        for name in folders:
            os.chmod(os.path.join(path, name), 0o755)
    shutil.rmtree(folder, ignore_errors=True)
