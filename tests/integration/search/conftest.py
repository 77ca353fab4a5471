from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from typing import Any, cast

import pytest
from typesense import AsyncClient

from revenge_adapters.search import TypesenseSearchIndex
from revenge_app.embedded.typesense import TypesenseServer


@pytest.fixture
def prefix() -> str:
    return f"t{secrets.token_hex(4)}_"


@pytest.fixture
async def index(typesense: TypesenseServer, prefix: str) -> AsyncIterator[TypesenseSearchIndex]:
    """An index of this test's own (its prefix); its collections are dropped afterwards."""
    index = TypesenseSearchIndex(typesense.url, typesense.api_key, prefix=prefix)
    yield index
    await index.drop_all()
    await index.close()


@pytest.fixture
async def typesense_client(typesense: TypesenseServer) -> AsyncIterator[AsyncClient]:
    """A raw client, to look at what the index did."""
    config = {"api_key": typesense.api_key, "nodes": [typesense.url]}
    client = AsyncClient(cast(Any, config))
    yield client
    await client.api_call.aclose()
