"""Text PostgreSQL cannot store and JSON nested past any of our bodies are refused with 400
before a handler runs, whatever the schema allows."""

from __future__ import annotations

from typing import Any

import pytest

from revenge_app.http.untrusted import MAX_JSON_DEPTH
from tests.unit.http.sample import Client, sample_app, sample_config, serve

ITEM_ID = "0b1a3c1e-5f7c-4c55-9e57-3c0a1c2b9d10"
JSON = {"Content-Type": "application/json"}


async def refused(response: Any, error: str) -> dict[str, Any]:
    assert response.status == 400, await response.text()
    body: dict[str, Any] = await response.json()
    assert body["error"] == error
    details: dict[str, Any] = body["details"]
    return details


def nested(depth: int) -> Any:
    value: Any = "leaf"
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize(
    ("raw", "field", "reason"),
    [
        (b'{"name": "ali\\u0000ce"}', "name", "must not contain a NUL character"),
        (b'{"name": "x", "extra": {"k": ["\\u0000"]}}', "extra.k.0", "must not contain a NUL"),
        (b'{"name": "x", "a\\u0000": 1}', "body", "keys must not contain a NUL character"),
        (b'{"name": "\\ud800"}', "name", "must be valid Unicode text"),
    ],
)
async def test_text_that_cannot_be_stored_is_400(
    client: Client, raw: bytes, field: str, reason: str
) -> None:
    response = await client.patch(f"/items/{ITEM_ID}", data=raw, headers=JSON)
    details = await refused(response, "invalid_body")
    assert details["field"] == field
    assert details["reason"].startswith(reason)


async def test_nul_in_a_query_parameter_is_400(client: Client) -> None:
    details = await refused(await client.get("/items?q=ab%00c"), "invalid_parameter")
    assert details == {
        "field": "q",
        "reason": "must not contain a NUL character",
        "errors": [{"field": "q", "reason": "must not contain a NUL character"}],
    }


async def test_nesting_up_to_the_limit_passes(client: Client) -> None:
    body = {"name": "x", "extra": nested(MAX_JSON_DEPTH - 1)}
    response = await client.patch(f"/items/{ITEM_ID}", json=body)
    assert response.status == 200


async def test_nesting_past_the_limit_is_400(client: Client) -> None:
    body = {"name": "x", "extra": nested(MAX_JSON_DEPTH)}
    details = await refused(await client.patch(f"/items/{ITEM_ID}", json=body), "invalid_body")
    assert details["reason"] == f"is nested deeper than {MAX_JSON_DEPTH} levels"


async def test_nesting_that_exhausts_the_parser_is_400() -> None:
    raw = b"[" * 100_000 + b"]" * 100_000
    async with serve(sample_app(sample_config(max_body_bytes=len(raw)))) as client:
        response = await client.post("/items", data=raw, headers=JSON)
        details = await refused(response, "invalid_body")
    assert details["reason"] == f"is nested deeper than {MAX_JSON_DEPTH} levels"
