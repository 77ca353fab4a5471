"""Request id, security headers, CORS and Cache-Control on every response."""

from __future__ import annotations

import uuid

import pytest

from revenge_app.http.headers import SECURITY_HEADERS
from tests.unit.http.sample import ALLOWED_ORIGIN, Client, sample_app, sample_config, serve

CSP = "default-src 'self'; img-src 'self' image.tmdb.org; media-src 'self' blob:; script-src 'self'"


async def test_request_id_is_echoed(client: Client) -> None:
    response = await client.get("/catalog", headers={"X-Request-ID": "abc-123.x_Y"})
    assert response.headers["X-Request-ID"] == "abc-123.x_Y"


@pytest.mark.parametrize("offered", [None, "", "bad id with spaces", "x" * 129, "a\u00e9b"])
async def test_missing_or_insane_request_id_is_replaced(
    client: Client, offered: str | None
) -> None:
    headers = {} if offered is None else {"X-Request-ID": offered}
    response = await client.get("/catalog", headers=headers)
    assert uuid.UUID(response.headers["X-Request-ID"])


async def test_error_bodies_carry_the_request_id(client: Client) -> None:
    response = await client.get("/nowhere", headers={"X-Request-ID": "req-1"})
    assert (await response.json())["request_id"] == "req-1"


@pytest.mark.parametrize("path", ["/catalog", "/nowhere", "/failures/crash"])
async def test_security_headers_on_every_response(client: Client, path: str) -> None:
    response = await client.get(path)
    assert response.headers["Content-Security-Policy"] == CSP
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["Permissions-Policy"] == "camera=(), microphone=(), geolocation=()"
    assert {k: response.headers[k] for k in SECURITY_HEADERS} == SECURITY_HEADERS


async def test_allowed_origin_is_reflected_with_credentials(client: Client) -> None:
    response = await client.get("/catalog", headers={"Origin": ALLOWED_ORIGIN})
    assert response.headers["Access-Control-Allow-Origin"] == ALLOWED_ORIGIN
    assert response.headers["Access-Control-Allow-Credentials"] == "true"
    assert response.headers["Access-Control-Expose-Headers"] == (
        "X-Request-ID, Retry-After, Content-Disposition"
    )
    assert "Origin" in response.headers.getall("Vary")


async def test_other_origin_is_not_reflected(client: Client) -> None:
    response = await client.get("/catalog", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in response.headers
    assert "Access-Control-Allow-Credentials" not in response.headers
    assert "Origin" in response.headers.getall("Vary")


async def test_vary_origin_even_without_origin(client: Client) -> None:
    response = await client.get("/catalog")
    assert "Origin" in response.headers.getall("Vary")


async def test_preflight_from_allowed_origin(client: Client) -> None:
    response = await client.options("/items", headers=_preflight(ALLOWED_ORIGIN))
    assert response.status == 204
    assert response.headers["Access-Control-Allow-Origin"] == ALLOWED_ORIGIN
    assert response.headers["Access-Control-Allow-Methods"] == (
        "GET, POST, PUT, PATCH, DELETE, OPTIONS"
    )
    assert response.headers["Access-Control-Allow-Headers"] == (
        "Authorization, Content-Type, X-API-Key, X-Request-ID, X-CSRF-Token, Accept, "
        "Accept-Language"
    )
    assert response.headers["Access-Control-Max-Age"] == "43200"
    assert response.headers["Access-Control-Allow-Credentials"] == "true"


async def test_preflight_from_other_origin_allows_nothing(client: Client) -> None:
    response = await client.options("/items", headers=_preflight("https://evil.example"))
    assert response.status == 204
    assert "Access-Control-Allow-Origin" not in response.headers
    assert "Access-Control-Allow-Methods" not in response.headers


async def test_wildcard_config_reflects_any_origin() -> None:
    async with serve(sample_app(sample_config(cors_allowed_origins=("*",)))) as client:
        response = await client.get("/catalog", headers={"Origin": "https://any.example"})
        assert response.headers["Access-Control-Allow-Origin"] == "https://any.example"


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("GET", "/catalog", "private, max-age=60"),
        ("GET", "/me", "private, no-store"),
        ("GET", "/probe", "no-cache"),
        ("PATCH", "/items/0b1a3c1e-5f7c-4c55-9e57-3c0a1c2b9d10", "no-store"),
        ("GET", "/nowhere", "no-store"),
    ],
)
async def test_cache_control_by_category(
    client: Client, method: str, path: str, expected: str
) -> None:
    response = await client.request(method, path)
    assert response.status < 500
    assert response.headers["Cache-Control"] == expected


async def test_post_is_no_store(client: Client) -> None:
    response = await client.post("/items", json={"name": "Alien", "year": 1979})
    assert response.status == 201
    assert response.headers["Cache-Control"] == "no-store"


def _preflight(origin: str) -> dict[str, str]:
    return {
        "Origin": origin,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "Content-Type",
    }
