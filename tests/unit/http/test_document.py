"""The OpenAPI document: served with an ETag, in step with the routes, and well formed."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from revenge_app.config import Config
from revenge_app.http import (
    PUBLIC,
    HttpDeps,
    OpenApiDocument,
    Route,
    RouteTableMismatch,
    bundled_document,
    create_app,
)
from revenge_app.http.health import get_liveness
from revenge_app.http.routes import mismatches, registered_operations
from revenge_app.http.table import ROUTES
from tests.unit.http.sample import SAMPLE_DOCUMENT, sample_routes, serve

DOCUMENT = bundled_document()


async def test_document_is_served_byte_for_byte_with_etag() -> None:
    async with serve(create_app(Config(), HttpDeps())) as client:
        response = await client.get("/api/openapi.yaml")
        assert response.status == 200
        assert response.content_type == "application/yaml"
        assert await response.read() == DOCUMENT.raw
        assert response.headers["ETag"] == DOCUMENT.etag
        assert re.fullmatch(r'"[0-9a-f]{32}"', response.headers["ETag"])
        assert response.headers["Cache-Control"] == "public, max-age=3600"


@pytest.mark.parametrize(
    "offered", [DOCUMENT.etag, f"W/{DOCUMENT.etag}", '"old", ' + DOCUMENT.etag, "*"]
)
async def test_matching_if_none_match_is_304(offered: str) -> None:
    async with serve(create_app(Config(), HttpDeps())) as client:
        response = await client.get("/api/openapi.yaml", headers={"If-None-Match": offered})
        assert response.status == 304
        assert await response.read() == b""
        assert response.headers["ETag"] == DOCUMENT.etag
        assert response.headers["Cache-Control"] == "public, max-age=3600"


async def test_stale_if_none_match_gets_the_document() -> None:
    async with serve(create_app(Config(), HttpDeps())) as client:
        response = await client.get("/api/openapi.yaml", headers={"If-None-Match": '"old"'})
        assert response.status == 200


def test_every_route_is_documented_and_every_operation_routed() -> None:
    app = create_app(Config(), HttpDeps())
    assert registered_operations(app) == DOCUMENT.operation_keys()
    assert {route.key for route in ROUTES} == DOCUMENT.operation_keys()


def test_a_route_missing_from_the_document_is_caught() -> None:
    extra = Route("GET", "/items/extra", "getExtra", get_liveness, permission=PUBLIC)
    routes = [*sample_routes(), extra]
    assert mismatches((r.key for r in routes), SAMPLE_DOCUMENT) == [
        "route missing from the document: GET /items/extra (getExtra)"
    ]
    with pytest.raises(RouteTableMismatch, match="getExtra"):
        create_app(Config(), HttpDeps(), routes=routes, document=SAMPLE_DOCUMENT)


def test_a_document_operation_without_a_route_is_caught() -> None:
    routes = [r for r in sample_routes() if r.operation_id != "getMe"]
    with pytest.raises(RouteTableMismatch, match=r"document operation without a route: GET /me"):
        create_app(Config(), HttpDeps(), routes=routes, document=SAMPLE_DOCUMENT)


def test_a_renamed_operation_is_caught() -> None:
    text = SAMPLE_DOCUMENT.raw.decode().replace("operationId: getMe", "operationId: getSelf")
    problems = mismatches((r.key for r in sample_routes()), OpenApiDocument.from_text(text))
    assert len(problems) == 2


def test_a_route_cannot_be_declared_without_a_permission() -> None:
    with pytest.raises(TypeError, match="permission"):
        Route("GET", "/x", "x", get_liveness)  # type: ignore[call-arg]


@pytest.mark.parametrize("permission", ["", "movies", "Movies:List", None, "public"])
def test_a_permission_must_be_public_or_resource_action(permission: Any) -> None:
    with pytest.raises(ValueError, match="permission"):
        Route("GET", "/x", "x", get_liveness, permission=permission)


def test_operation_ids_are_unique_and_tags_declared() -> None:
    ids = Counter(op.key.operation_id for op in DOCUMENT.operations())
    assert [name for name, count in ids.items() if count > 1] == []
    declared = {tag["name"] for tag in DOCUMENT.tree["tags"]}
    for op in DOCUMENT.operations():
        assert op.key.operation_id, f"{op.key} has no operationId"
        assert set(op.spec.get("tags", [])) <= declared, op.key
        assert op.spec["tags"], op.key


def test_every_reference_resolves_and_schemas_are_valid() -> None:
    for ref in _refs(DOCUMENT.tree):
        assert DOCUMENT.resolve({"$ref": ref})
    for name, schema in DOCUMENT.tree["components"]["schemas"].items():
        Draft202012Validator.check_schema(schema)
        assert DOCUMENT.validator(f"/components/schemas/{name}")


def test_security_schemes_and_error_schema() -> None:
    components = DOCUMENT.tree["components"]
    schemes = components["securitySchemes"]
    assert schemes["bearerAuth"]["scheme"] == "bearer"
    assert (schemes["apiKeyAuth"]["in"], schemes["apiKeyAuth"]["name"]) == ("header", "X-API-Key")
    assert (schemes["cookieAuth"]["in"], schemes["cookieAuth"]["name"]) == (
        "cookie",
        "revenge_access_token",
    )
    error = components["schemas"]["Error"]
    assert set(error["required"]) == {"code", "error", "message"}
    assert set(error["properties"]) == {"code", "error", "message", "request_id", "details"}


def _refs(node: object) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [ref for value in node.values() for ref in _refs(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in _refs(value)]
    return []
