"""Small probes that talk to embedded servers."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import asyncpg
import attrs
import psutil
import redis.asyncio as aioredis

from revenge_app.config import Config, SearchConfig
from revenge_app.embedded.stack import ServiceUrls


@attrs.frozen
class Running:
    data_dir: Path
    urls: ServiceUrls


def config_without_search(data_dir: Path, **sections: object) -> Config:
    return Config(data_dir=data_dir, search=SearchConfig(enabled=False), **sections)  # type: ignore[arg-type]


async def pg_value(dsn: str, sql: str) -> object:
    connection = await asyncpg.connect(dsn)
    try:
        return await connection.fetchval(sql)
    finally:
        await connection.close()


async def redis_ping(url: str) -> bool:
    client = aioredis.from_url(url)
    try:
        return bool(await client.ping())
    finally:
        await client.aclose()


def typesense_get(url: str, path: str, api_key: str = "", body: object = None) -> object:
    """GET `path`, or POST `body` as JSON when given."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        f"{url}{path}", data=data, headers={"X-TYPESENSE-API-KEY": api_key}
    )
    with urllib.request.urlopen(request, timeout=5) as answer:
        return json.loads(answer.read())


def postgres_pid(data_dir: Path) -> int:
    return int((data_dir / "postgres" / "data" / "postmaster.pid").read_text().split()[0])


def redis_pid(data_dir: Path) -> int:
    return int((data_dir / "redis" / "redis.pid").read_text())


def tcp_listeners(pid: int) -> list[object]:
    return [c for c in psutil.Process(pid).net_connections(kind="inet") if c.status == "LISTEN"]


KEPT_COLLECTION = {"name": "kept", "fields": [{"name": "title", "type": "string"}]}


async def write_marks(urls: ServiceUrls) -> None:
    """A row, a key and (when search runs) a collection, for `read_marks` after a restart."""
    await pg_value(urls.database_url, "CREATE TABLE kept AS SELECT 'row' AS value")
    client = aioredis.from_url(urls.redis_url)
    try:
        await client.set("kept", "key")
    finally:
        await client.aclose()
    if urls.search_url:
        typesense_get(urls.search_url, "/collections", urls.search_api_key, body=KEPT_COLLECTION)


async def read_marks(urls: ServiceUrls) -> tuple[object, object, object]:
    row = await pg_value(urls.database_url, "SELECT value FROM kept")
    client = aioredis.from_url(urls.redis_url)
    try:
        key = await client.get("kept")
    finally:
        await client.aclose()
    collection = None
    if urls.search_url:
        found = typesense_get(urls.search_url, "/collections/kept", urls.search_api_key)
        collection = found.get("name") if isinstance(found, dict) else found
    return row, key, collection
