"""How commands find their services: configured URLs, or a running server's embedded ones."""

from __future__ import annotations

from pathlib import Path

from revenge_app.config import load_config
from revenge_app.embedded.stack import ServiceUrls
from revenge_app.services import (
    RUNTIME_FILE,
    read_shared_urls,
    running_redis_url,
    service_urls,
    write_shared_urls,
)

URLS = ServiceUrls("postgresql://u@/db?host=/s", "unix:///s/redis.sock", "http://127.0.0.1:1", "k")


async def test_configured_urls_start_nothing(tmp_path: Path) -> None:
    config = load_config(
        environ={
            "REVENGE_DATA_DIR": str(tmp_path / "data"),
            "REVENGE_DATABASE_URL": "postgresql://u@db/revenge",
            "REVENGE_CACHE_URL": "redis://cache:6379/0",
            "REVENGE_SEARCH_URL": "http://search:8108",
            "REVENGE_SEARCH_API_KEY": "key",
        }
    )
    async with service_urls(config) as urls:
        assert urls == ServiceUrls(
            "postgresql://u@db/revenge", "redis://cache:6379/0", "http://search:8108", "key"
        )
    assert not (tmp_path / "data").exists()


async def test_only_the_needed_pieces_count(tmp_path: Path) -> None:
    config = load_config(
        environ={"REVENGE_DATA_DIR": str(tmp_path), "REVENGE_DATABASE_URL": "postgresql://u@db/r"}
    )
    async with service_urls(config, needs=("database",)) as urls:
        assert urls.database_url == "postgresql://u@db/r"
    assert not any(tmp_path.iterdir())  # noqa: ASYNC240 - a test's own temp dir


def test_shared_urls_round_trip_privately(tmp_path: Path) -> None:
    write_shared_urls(tmp_path / RUNTIME_FILE, URLS)
    assert (tmp_path / RUNTIME_FILE).stat().st_mode & 0o777 == 0o600
    assert read_shared_urls(tmp_path) == URLS


def test_unreadable_shared_urls_are_ignored(tmp_path: Path) -> None:
    assert read_shared_urls(tmp_path) is None
    (tmp_path / RUNTIME_FILE).write_text("{not json")
    assert read_shared_urls(tmp_path) is None


def test_tools_use_a_running_servers_redis(tmp_path: Path) -> None:
    config = load_config(environ={"REVENGE_DATA_DIR": str(tmp_path)})
    assert running_redis_url(config) == ""
    write_shared_urls(tmp_path / RUNTIME_FILE, URLS)
    assert running_redis_url(config) == "unix:///s/redis.sock"
    configured = load_config(
        environ={"REVENGE_DATA_DIR": str(tmp_path), "REVENGE_CACHE_URL": "redis://c:6379/0"}
    )
    assert running_redis_url(configured) == "redis://c:6379/0"
