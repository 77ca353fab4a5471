"""Parameters and bodies are checked against the document before handlers run."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.http.sample import Client

JSON = {"Content-Type": "application/json"}
ITEM_ID = "0b1a3c1e-5f7c-4c55-9e57-3c0a1c2b9d10"


async def invalid(response: Any, error: str) -> dict[str, Any]:
    assert response.status == 400
    body: dict[str, Any] = await response.json()
    assert body["error"] == error
    details: dict[str, Any] = body["details"]
    return details


async def test_handler_gets_coerced_values_and_spec_defaults(client: Client) -> None:
    response = await client.get("/items", params={"sort": "year", "exact": "TRUE", "ratio": "0.5"})
    assert response.status == 200
    assert await response.json() == {
        "limit": 20,
        "offset": 0,
        "sort": "year",
        "exact": True,
        "ratio": 0.5,
    }


@pytest.mark.parametrize(
    ("query", "field", "reason"),
    [
        ({"limit": "101"}, "limit", "must be <= 100"),
        ({"limit": "0"}, "limit", "must be >= 1"),
        ({"limit": "ten"}, "limit", "must be an integer"),
        ({"limit": "1.5"}, "limit", "must be an integer"),
        ({"offset": "-1"}, "offset", "must be >= 0"),
        ({"sort": "size"}, "sort", "must be one of name, year"),
        ({"exact": "maybe"}, "exact", "must be true or false"),
        ({"ratio": "1"}, "ratio", "must be < 1"),
        ({"ratio": "nan"}, "ratio", "must be a number"),
        ({"q": "a"}, "q", "must be at least 2 characters long"),
        ({"q": "abcdefghijk"}, "q", "must be at most 10 characters long"),
        ({"q": "ABC"}, "q", "must match the pattern ^[a-z ]+$"),
        ({"since": "yesterday"}, "since", "must be a valid date-time"),
        ({"since": "2024-01-01T10:00:00"}, "since", "must be a valid date-time"),
    ],
)
async def test_bad_query_parameter_is_400_naming_it(
    client: Client, query: dict[str, str], field: str, reason: str
) -> None:
    details = await invalid(await client.get("/items", params=query), "invalid_parameter")
    assert (details["field"], details["reason"]) == (field, reason)


async def test_every_bad_parameter_is_listed(client: Client) -> None:
    details = await invalid(
        await client.get("/items", params={"limit": "0", "sort": "x"}), "invalid_parameter"
    )
    assert {e["field"] for e in details["errors"]} == {"limit", "sort"}


async def test_good_date_time_passes(client: Client) -> None:
    response = await client.get("/items", params={"since": "2024-01-01T10:00:00Z"})
    assert (await response.json())["since"] == "2024-01-01T10:00:00Z"


async def test_path_uuid_is_validated(client: Client) -> None:
    assert (await client.get(f"/items/{ITEM_ID}")).status == 200
    details = await invalid(await client.get("/items/not-a-uuid"), "invalid_parameter")
    assert details == {
        "field": "item_id",
        "reason": "must be a valid uuid",
        "errors": [{"field": "item_id", "reason": "must be a valid uuid"}],
    }


async def test_valid_body_reaches_the_handler(client: Client) -> None:
    item = {"name": "Alien", "year": 1979, "tags": ["space"]}
    response = await client.post("/items", json=item)
    assert response.status == 201
    assert await response.json() == item


@pytest.mark.parametrize(
    ("body", "field", "reason"),
    [
        ({"year": 1979}, "name", "is required"),
        ({"name": "Alien", "year": "1979"}, "year", "must be of type integer"),
        ({"name": "Alien", "year": 1700}, "year", "must be >= 1888"),
        (
            {"name": "Alien", "year": 1979, "tags": ["ok", ""]},
            "tags.1",
            "must be at least 1 characters long",
        ),
        ({"name": "Alien", "year": 1979, "rating": 5}, "rating", "is not allowed"),
        ([1, 2], "body", "must be of type object"),
    ],
)
async def test_invalid_body_is_400_naming_the_field(
    client: Client, body: object, field: str, reason: str
) -> None:
    details = await invalid(await client.post("/items", json=body), "invalid_body")
    assert (details["field"], details["reason"]) == (field, reason)


async def test_missing_required_body_is_400(client: Client) -> None:
    details = await invalid(await client.post("/items", headers=JSON), "invalid_body")
    assert details["field"] == "body"


async def test_optional_body_may_be_omitted(client: Client) -> None:
    response = await client.patch(f"/items/{ITEM_ID}")
    assert response.status == 200
    assert await response.json() == {"body": None}


async def test_json_with_charset_is_accepted(client: Client) -> None:
    response = await client.patch(
        f"/items/{ITEM_ID}",
        data=b'{"name": "x"}',
        headers={"Content-Type": "application/json; charset=utf-8"},
    )
    assert await response.json() == {"body": {"name": "x"}}
