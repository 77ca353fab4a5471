from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import redis.asyncio as aioredis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from taskiq_redis import RedisStreamBroker

from revenge_app.config import Config
from revenge_app.embedded.lock import DataDirInUse
from revenge_app.embedded.stack import EmbeddedStack
from tests.integration.embedded.probes import (
    Running,
    pg_value,
    postgres_pid,
    redis_pid,
    redis_ping,
    tcp_listeners,
    typesense_get,
)

pytestmark = pytest.mark.embedded


async def test_each_piece_answers(running: Running) -> None:
    urls = running.urls
    assert await pg_value(urls.database_url, "SELECT current_database()") == "revenge"
    assert await redis_ping(urls.redis_url)
    assert typesense_get(urls.search_url, "/health") == {"ok": True}
    assert typesense_get(urls.search_url, "/collections", urls.search_api_key) == []


async def test_no_piece_takes_a_standard_port(running: Running) -> None:
    dsn = urlsplit(running.urls.database_url)
    assert dsn.hostname is None
    assert dsn.port is None
    assert parse_qs(dsn.query)["host"][0].startswith("/")
    assert running.urls.redis_url.startswith("unix:///")
    search_port = urlsplit(running.urls.search_url).port
    assert search_port is not None
    assert search_port not in (5432, 6379, 8108)
    assert tcp_listeners(postgres_pid(running.data_dir)) == []
    assert tcp_listeners(redis_pid(running.data_dir)) == []


async def test_sqlalchemy_reaches_postgres_through_the_dsn(running: Running) -> None:
    url = running.urls.database_url.replace("postgresql://", "postgresql+asyncpg://", 1)
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            assert (await connection.execute(text("SELECT 1"))).scalar() == 1
    finally:
        await engine.dispose()


async def test_taskiq_redis_sends_jobs_over_the_unix_url(running: Running) -> None:
    broker = RedisStreamBroker(running.urls.redis_url, queue_name="embedded-test")

    @broker.task(task_name="embedded_probe")
    async def probe() -> None:
        pass

    await broker.startup()
    try:
        await probe.kiq()
    finally:
        await broker.shutdown()
    client = aioredis.from_url(running.urls.redis_url)
    try:
        assert await client.xlen("embedded-test") == 1
    finally:
        await client.aclose()


async def test_a_second_stack_on_the_same_data_dir_is_refused(running: Running) -> None:
    with pytest.raises(DataDirInUse, match="in use by another Revenge server"):
        await EmbeddedStack(Config(data_dir=running.data_dir)).start()
    assert await redis_ping(running.urls.redis_url)  # the first one is untouched


async def test_a_second_data_dir_runs_beside_the_first(running: Running, data_root: Path) -> None:
    async with EmbeddedStack(Config(data_dir=data_root / "other")) as other:
        assert other.database_url != running.urls.database_url
        assert other.redis_url != running.urls.redis_url
        assert other.search_url != running.urls.search_url
        assert await pg_value(other.database_url, "SELECT 1") == 1
        assert await redis_ping(other.redis_url)
        assert typesense_get(other.search_url, "/health") == {"ok": True}
        assert await pg_value(running.urls.database_url, "SELECT 1") == 1
