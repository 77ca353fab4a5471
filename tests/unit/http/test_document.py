"""The OpenAPI document: served with an ETag, in step with the handlers, and well formed."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import make_mocked_request
from jsonschema import Draft202012Validator

from revenge_app.config import Config
from revenge_app.http import (
    PUBLIC,
    HttpDeps,
    OpenApiDocument,
    Operations,
    OperationsMismatch,
    bundled_document,
    create_app,
)
from revenge_app.http.health import get_liveness
from revenge_app.http.routes import bound_routes, registered_operations
from tests.unit.http.sample import SAMPLE_DOCUMENT, SAMPLE_OPERATIONS, serve
from tests.unit.whole_app import api_operations

DOCUMENT = bundled_document()


async def the_api() -> web.Application:
    """The API app with every operation (the handlers' services are left out)."""
    return create_app(Config(), HttpDeps(), operations=api_operations())


async def test_document_is_served_byte_for_byte_with_etag() -> None:
    async with serve(await the_api()) as client:
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
    async with serve(await the_api()) as client:
        response = await client.get("/api/openapi.yaml", headers={"If-None-Match": offered})
        assert response.status == 304
        assert await response.read() == b""
        assert response.headers["ETag"] == DOCUMENT.etag
        assert response.headers["Cache-Control"] == "public, max-age=3600"


async def test_stale_if_none_match_gets_the_document() -> None:
    async with serve(await the_api()) as client:
        response = await client.get("/api/openapi.yaml", headers={"If-None-Match": '"old"'})
        assert response.status == 200


async def test_every_operation_is_routed_to_its_handler() -> None:
    app = await the_api()
    assert registered_operations(app) == DOCUMENT.operation_keys()
    assert {route.key for route in bound_routes(DOCUMENT, api_operations())} == (
        DOCUMENT.operation_keys()
    )


async def test_every_documented_path_reaches_its_own_operation() -> None:
    app = await the_api()
    for op in DOCUMENT.operations():
        path = re.sub(r"\{\w+\}", "x1", op.key.path)
        match = await app.router.resolve(make_mocked_request(op.key.method, path, app=app))
        assert match.route.name == op.key.operation_id, op.key


def _create(*sets: Operations, document: OpenApiDocument = SAMPLE_DOCUMENT) -> None:
    create_app(Config(), HttpDeps(), operations=sets, document=document)


def _without(operation_id: str) -> Operations:
    return Operations(b for b in SAMPLE_OPERATIONS if b.operation_id != operation_id)


def test_a_handler_without_an_operation_is_caught() -> None:
    extra = Operations()
    extra.add("getExtra", get_liveness, permission=PUBLIC)
    with pytest.raises(
        OperationsMismatch,
        match=r"handler without an operation: getExtra \(revenge_app.http.health.get_liveness\)",
    ):
        _create(SAMPLE_OPERATIONS, extra)


def test_a_document_operation_without_a_handler_is_caught() -> None:
    with pytest.raises(OperationsMismatch, match=r"operation without a handler: GET /me \(getMe\)"):
        _create(_without("getMe"))


def test_every_difference_is_listed_at_once() -> None:
    extra, twice = Operations(), Operations()
    extra.add("getExtra", get_liveness, permission=PUBLIC)
    twice.add("listItems", get_liveness, permission=PUBLIC)
    with pytest.raises(OperationsMismatch) as raised:
        _create(_without("getMe"), twice, extra)
    assert str(raised.value).split("; ") == [
        "operationId with two handlers: listItems "
        "(tests.unit.http.sample.list_items, revenge_app.http.health.get_liveness)",
        "operation without a handler: GET /me (getMe)",
        "handler without an operation: getExtra (revenge_app.http.health.get_liveness)",
    ]


def test_a_module_listed_twice_is_caught() -> None:
    with pytest.raises(OperationsMismatch) as raised:
        _create(SAMPLE_OPERATIONS, SAMPLE_OPERATIONS)
    problems = str(raised.value).split("; ")
    assert len(problems) == len(SAMPLE_DOCUMENT.operations()) == 8
    assert all(problem.startswith("operationId with two handlers: ") for problem in problems)


def test_a_renamed_operation_is_caught() -> None:
    text = SAMPLE_DOCUMENT.raw.decode().replace("operationId: getMe", "operationId: getSelf")
    with pytest.raises(OperationsMismatch) as raised:
        _create(SAMPLE_OPERATIONS, document=OpenApiDocument.from_text(text))
    assert str(raised.value).split("; ") == [
        "operation without a handler: GET /me (getSelf)",
        "handler without an operation: getMe (tests.unit.http.sample.ok)",
    ]


def test_two_handlers_for_one_operation_id_are_caught() -> None:
    twice = Operations()
    twice.add("getMe", get_liveness, permission=PUBLIC)
    with pytest.raises(
        OperationsMismatch,
        match=r"^operationId with two handlers: getMe \(tests.unit.http.sample.ok, "
        r"revenge_app.http.health.get_liveness\)$",
    ):
        _create(SAMPLE_OPERATIONS, twice)


def test_one_operation_id_on_two_document_operations_is_caught() -> None:
    text = SAMPLE_DOCUMENT.raw.decode().replace("operationId: getProbe", "operationId: getMe")
    with pytest.raises(OperationsMismatch) as raised:
        _create(_without("getProbe"), document=OpenApiDocument.from_text(text))
    assert str(raised.value) == "operationId on several operations: getMe"


def test_a_pattern_for_a_parameter_the_path_lacks_is_caught() -> None:
    patterned = Operations(b for b in SAMPLE_OPERATIONS if b.operation_id != "getItem")
    patterned.add("getItem", get_liveness, permission=PUBLIC, patterns={"id": ".+"})
    with pytest.raises(
        OperationsMismatch,
        match=r"^pattern for a parameter the path lacks: id in GET /items/\{item_id\} \(getItem\)$",
    ):
        _create(patterned)


def test_a_handler_cannot_be_declared_without_a_permission() -> None:
    with pytest.raises(TypeError, match="permission"):
        Operations().operation("x")  # type: ignore[call-arg]


@pytest.mark.parametrize("permission", ["", "movies", "Movies:List", None, "public"])
def test_a_permission_must_be_public_or_resource_action(permission: Any) -> None:
    with pytest.raises(ValueError, match="permission"):
        Operations().operation("x", permission=permission)(get_liveness)


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
