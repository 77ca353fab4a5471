"""Every failure answers the one error body with the right status; never a stack trace."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from tests.unit.http.sample import MAX_BODY_BYTES, Client

ITEM = "/items/0b1a3c1e-5f7c-4c55-9e57-3c0a1c2b9d10"


async def error_body(response: Any, status: int) -> dict[str, Any]:
    assert response.status == status
    assert response.content_type == "application/json"
    body: dict[str, Any] = await response.json()
    assert body["code"] == status
    assert body["request_id"] == response.headers["X-Request-ID"]
    return body


async def test_unknown_route_is_404(client: Client) -> None:
    body = await error_body(await client.get("/nowhere"), 404)
    assert body["error"] == "not_found"


async def test_wrong_method_is_405_with_allow(client: Client) -> None:
    response = await client.delete("/items")
    body = await error_body(response, 405)
    assert body["error"] == "method_not_allowed"
    assert set(response.headers["Allow"].split(",")) >= {"GET", "POST"}


async def test_malformed_json_is_400(client: Client) -> None:
    response = await client.post("/items", data=b"{not json", headers=_json)
    body = await error_body(response, 400)
    assert body["error"] == "malformed_json"
    assert body["details"]["field"] == "body"


async def test_non_standard_json_constants_are_400(client: Client) -> None:
    response = await client.post("/items", data=b'{"name": "x", "year": NaN}', headers=_json)
    body = await error_body(response, 400)
    assert body["error"] == "malformed_json"


async def test_declared_oversized_body_is_413_before_reading(client: Client) -> None:
    # /catalog never reads a body: only the check of Content-Length can refuse it.
    response = await client.get("/catalog", data=b"x" * (MAX_BODY_BYTES + 1), headers=_json)
    body = await error_body(response, 413)
    assert body["error"] == "payload_too_large"


async def test_streamed_oversized_body_is_413(client: Client) -> None:
    async def chunks() -> Any:
        for _ in range(4):
            yield b" " * MAX_BODY_BYTES

    response = await client.post("/items", data=chunks(), headers=_json)
    assert "Content-Length" not in response.request_info.headers
    await error_body(response, 413)


async def test_body_in_another_content_type_is_415(client: Client) -> None:
    response = await client.post("/items", data=b"name=x", headers={"Content-Type": "text/plain"})
    body = await error_body(response, 415)
    assert body["error"] == "unsupported_media_type"


async def test_body_without_content_type_is_415(client: Client) -> None:
    response = await client.post("/items", data=b'{"name": "x", "year": 2000}')
    await error_body(response, 415)


async def test_unexpected_exception_is_500_with_trace_only_in_log(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="revenge.http"):
        response = await client.get("/failures/crash")
        body = await error_body(response, 500)
    text = await response.text()
    assert body["error"] == "internal_error"
    for leak in ("Traceback", "hunter2", "RuntimeError"):
        assert leak not in text
    logged = [r for r in caplog.records if r.name == "revenge.http"]
    assert logged[0].exc_info is not None
    assert logged[0].fields["request_id"] == body["request_id"]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("kind", "status", "code"),
    [
        ("not-found", 404, "not_found"),
        ("conflict", 409, "conflict"),
        ("invalid", 400, "invalid_input"),
        ("unauthenticated", 401, "unauthenticated"),
        ("forbidden", 403, "forbidden"),
        ("too-many", 429, "too_many_requests"),
        ("domain", 400, "domain_error"),
    ],
)
async def test_domain_errors_map_to_statuses(
    client: Client, kind: str, status: int, code: str
) -> None:
    body = await error_body(await client.get(f"/failures/{kind}"), status)
    assert body["error"] == code


async def test_domain_error_keeps_message_and_details(client: Client) -> None:
    body = await error_body(await client.get("/failures/not-found"), 404)
    assert body["message"] == "item not found"
    assert body["details"] == {"item_id": "x"}


async def test_too_many_requests_sets_retry_after(client: Client) -> None:
    response = await client.get("/failures/too-many")
    await error_body(response, 429)
    assert response.headers["Retry-After"] == "7"


async def test_errors_are_never_cached(client: Client) -> None:
    response = await client.get("/failures/not-found")
    assert response.headers["Cache-Control"] == "no-store"


async def test_error_body_matches_the_document_schema(client: Client) -> None:
    from revenge_app.http import bundled_document

    validator = bundled_document().validator("/components/schemas/Error")
    for path in ("/nowhere", "/failures/conflict", "/items?limit=0"):
        validator.validate(await (await client.get(path)).json())


_json = {"Content-Type": "application/json"}
