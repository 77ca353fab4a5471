"""Real PostgreSQL, Redis and Typesense for the search indexing tests."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator, Sequence
from typing import Any, cast

import pytest
import redis.asyncio as aioredis
from typesense import AsyncClient

from revenge_adapters.cache import redis_client
from revenge_adapters.search import TypesenseSearchIndex
from revenge_app.embedded.typesense import TypesenseServer
from revenge_domain.search import Document, UpsertResult
from revenge_domain.search.catalog import COLLECTIONS


@pytest.fixture
async def redis(redis_url: str) -> AsyncIterator[aioredis.Redis]:
    client = redis_client(redis_url)
    yield client
    await client.aclose()


class CountingIndex(TypesenseSearchIndex):
    """Counts the bulk imports (one per `upsert` call)."""

    def __init__(self, url: str, api_key: str, *, prefix: str) -> None:
        super().__init__(url, api_key, prefix=prefix)
        self.prefix = prefix
        self.imports: list[int] = []

    async def upsert(self, collection: str, documents: Sequence[Document]) -> UpsertResult:
        self.imports.append(len(documents))
        return await super().upsert(collection, documents)


@pytest.fixture
async def index(typesense: TypesenseServer) -> AsyncIterator[CountingIndex]:
    """The six collections under a prefix of this test's own, dropped afterwards."""
    index = CountingIndex(typesense.url, typesense.api_key, prefix=f"t{secrets.token_hex(4)}_")
    for searched in COLLECTIONS:
        await index.ensure(searched.schema)
    yield index
    await index.drop_all()
    await index.close()


@pytest.fixture
async def raw(typesense: TypesenseServer) -> AsyncIterator[AsyncClient]:
    """A plain client, to look at aliases and collections."""
    client = AsyncClient(cast(Any, {"api_key": typesense.api_key, "nodes": [typesense.url]}))
    yield client
    await client.api_call.aclose()
