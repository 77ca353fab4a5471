from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from revenge_app.embedded.typesense import TypesenseServer
from tests.integration.conftest import PG_ADMIN_DSN
from tests.integration.hostile.server import RunningServer, database_url, running_server


@pytest.fixture(scope="module")
def server(redis_url: str, typesense: TypesenseServer) -> Iterator[RunningServer]:
    data_dir = Path(tempfile.mkdtemp(prefix="revenge-hostile-"))
    try:
        with (
            database_url(PG_ADMIN_DSN) as pg_url,
            running_server(data_dir, pg_url, redis_url, typesense) as running,
        ):
            yield running
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
        data_dir.with_name(data_dir.name + ".log").unlink(missing_ok=True)
