"""A dependency that cannot be reached answers 503 with Retry-After, never 400 or 500."""

from __future__ import annotations

import logging

import pytest

from tests.unit.http.sample import Client
from tests.unit.http.test_errors import error_body


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        ("database-refused", "database_unavailable"),
        ("database-lost", "database_unavailable"),
        ("pool-timeout", "database_unavailable"),
        ("redis-down", "cache_unavailable"),
        ("network", "service_unavailable"),
        ("job-queue", "job_queue_unavailable"),
        ("search-down", "search_unavailable"),
    ],
)
async def test_an_unreachable_dependency_is_503_with_retry_after(
    client: Client, kind: str, code: str
) -> None:
    response = await client.get(f"/failures/{kind}")
    body = await error_body(response, 503)
    assert body["error"] == code
    assert response.headers["Retry-After"] == "5"
    assert body["details"]["retry_after_seconds"] == 5


async def test_an_outage_is_a_warning_without_a_trace(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="revenge.http"):
        body = await error_body(await client.get("/failures/redis-down"), 503)
    logged = [r for r in caplog.records if r.name == "revenge.http"]
    assert [r.levelname for r in logged] == ["WARNING"]
    assert logged[0].exc_info is None
    assert logged[0].fields["request_id"] == body["request_id"]  # type: ignore[attr-defined]
