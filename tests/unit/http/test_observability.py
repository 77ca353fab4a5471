"""One access-log line per request, request metrics, and the metrics endpoint."""

from __future__ import annotations

import logging
import uuid

import pytest

from revenge_app.http import create_metrics_app
from tests.unit.http.sample import Client, serve

ITEM = "/items/0b1a3c1e-5f7c-4c55-9e57-3c0a1c2b9d10"


def access_fields(caplog: pytest.LogCaptureFixture) -> list[dict[str, object]]:
    return [r.fields for r in caplog.records if r.name == "revenge.access"]  # type: ignore[attr-defined]


async def test_access_log_line_has_route_template(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="revenge.access"):
        await client.get(ITEM, headers={"X-Request-ID": "log-1"})
    [line] = access_fields(caplog)
    assert line["request_id"] == "log-1"
    assert line["method"] == "GET"
    assert line["route"] == "/items/{item_id}"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float)


async def test_unknown_routes_share_one_label(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="revenge.access"):
        await client.get(f"/random/{uuid.uuid4()}")
        await client.delete("/items")
    assert [(f["route"], f["status"]) for f in access_fields(caplog)] == [
        ("unmatched", 404),
        ("unmatched", 405),
    ]


async def test_metrics_endpoint_reports_requests_by_route_and_status(client: Client) -> None:
    raw_path = f"/random/{uuid.uuid4()}"
    await client.get(ITEM)
    await client.get("/items?limit=0")
    await client.get(raw_path)
    async with serve(create_metrics_app()) as metrics:
        response = await metrics.get("/metrics")
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/plain")
        text = await response.text()
    assert 'revenge_http_requests_total{method="GET",route="/items/{item_id}",status="200"}' in text
    assert 'route="/items",status="400"' in text
    assert 'route="unmatched",status="404"' in text
    assert (
        'revenge_http_request_duration_seconds_count{method="GET",route="/items/{item_id}"}' in text
    )
    assert raw_path not in text
