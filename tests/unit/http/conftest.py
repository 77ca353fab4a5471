from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.unit.http.sample import Client, sample_app, serve


@pytest.fixture
async def client() -> AsyncIterator[Client]:
    """A test client over the sample document and routes."""
    async with serve(sample_app()) as test_client:
        yield test_client
