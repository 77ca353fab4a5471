"""The whole app over PostgreSQL and Redis; scan and match jobs run inline through the
in-memory queue with the app's own handlers, and what the scans report to the catalogue's
followers is recorded too."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import attrs
import pytest
from dependency_injector import providers

from revenge_app.config import Config
from revenge_app.container import Container
from revenge_app.registry import resolved
from revenge_domain.ports.catalog_changes import FanOut
from revenge_domain.scanning import Scanning
from tests.integration.app_server import Server, app_server
from tests.unit.fakes.catalog_changes import RecordedChanges
from tests.unit.fakes.jobs import FakeJobQueue


@attrs.frozen
class ScanServer:
    server: Server
    queue: FakeJobQueue
    scanning: Scanning
    changes: RecordedChanges


def recording(changes: RecordedChanges) -> Callable[[Container], None]:
    """The scans' reports reach the catalogue's followers, and `changes` after them."""

    def override(container: Container) -> None:
        followed = providers.Singleton(FanOut, container.changes, changes)
        container.scanning.changes.override(followed)

    return override


@pytest.fixture
async def scan_server(config: Config) -> AsyncIterator[ScanServer]:
    changes = RecordedChanges()
    async with app_server(config, recording(changes)) as server:
        scanning = await resolved(server.container.scanning.scanning())
        yield ScanServer(server, server.queue, scanning, changes)


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
