"""Request validation against the OpenAPI document, compiled once per operation at app build."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import attrs
from aiohttp import web
from jsonschema import Draft202012Validator

from revenge_app.http.document import OpenApiDocument, Operation, pointer_to
from revenge_app.http.errors import ApiError
from revenge_app.http.params import ParameterRule, Params
from revenge_app.http.problems import Problem, details_of, problems_of
from revenge_app.http.untrusted import MAX_JSON_DEPTH, json_problem

_LOCATIONS = ("path", "query")


@attrs.frozen
class BodyRule:
    required: bool
    media_types: frozenset[str]
    validator: Draft202012Validator | None

    async def read(self, request: web.Request) -> Any:
        """The JSON body validated against its schema; None when optional and absent."""
        if not request.body_exists:
            if self.required:
                raise _invalid_body([Problem("body", "is required")])
            return None
        if request.content_type not in self.media_types:
            accepted = ", ".join(sorted(self.media_types))
            raise ApiError(415, "unsupported_media_type", f"the body must be sent as {accepted}")
        if self.validator is None:
            return None  # a non-JSON body (e.g. multipart) is read by its handler
        value = _parse_json(await request.read())
        unfit = json_problem(value)
        problems = [unfit] if unfit else problems_of(self.validator, value, "body")
        if problems:
            raise _invalid_body(problems)
        return value


@attrs.frozen
class RequestRules:
    """The compiled checks for one operation."""

    parameters: tuple[ParameterRule, ...]
    body: BodyRule | None

    @classmethod
    def compile(cls, document: OpenApiDocument, operation: Operation) -> RequestRules:
        return cls(_parameter_rules(document, operation), _body_rule(document, operation))

    def params(self, request: web.Request) -> Params:
        values: dict[str, object] = {}
        problems: list[Problem] = []
        for rule in self.parameters:
            source: Mapping[str, str] = (
                request.match_info if rule.location == "path" else request.query
            )
            problems.extend(rule.read(source.get(rule.name), values))
        if problems:
            first = problems[0]
            raise ApiError(
                400,
                "invalid_parameter",
                f"invalid parameter {first.field}: {first.reason}",
                details_of(problems),
            )
        return Params(values)

    async def read_body(self, request: web.Request) -> Any:
        return None if self.body is None else await self.body.read(request)


def _parameter_rules(document: OpenApiDocument, operation: Operation) -> tuple[ParameterRule, ...]:
    own = [
        _locate(document, f"{operation.pointer}/parameters/{i}", spec)
        for i, spec in enumerate(operation.spec.get("parameters", ()))
    ]
    names = {spec["name"] for _, spec in own}
    shared = [(p, s) for p, s in _shared(document, operation) if s["name"] not in names]
    rules = []
    for pointer, spec in [*shared, *own]:
        if spec["in"] not in _LOCATIONS:
            continue
        schema = document.resolve(spec.get("schema", {}))
        rules.append(ParameterRule.build(spec, schema, document.validator(f"{pointer}/schema")))
    return tuple(rules)


def _shared(document: OpenApiDocument, operation: Operation) -> list[tuple[str, Mapping[str, Any]]]:
    base = pointer_to("paths", operation.key.path, "parameters")
    item = document.tree["paths"][operation.key.path]
    return [
        _locate(document, f"{base}/{i}", spec) for i, spec in enumerate(item.get("parameters", ()))
    ]


def _locate(
    document: OpenApiDocument, pointer: str, node: Mapping[str, Any]
) -> tuple[str, Mapping[str, Any]]:
    """Follow `$ref`s, keeping the JSON pointer of the object finally reached."""
    while "$ref" in node:
        pointer = str(node["$ref"])[1:]
        node = document.resolve({"$ref": node["$ref"]})
    return pointer, node


def _body_rule(document: OpenApiDocument, operation: Operation) -> BodyRule | None:
    if "requestBody" not in operation.spec:
        return None
    pointer, spec = _locate(
        document, f"{operation.pointer}/requestBody", operation.spec["requestBody"]
    )
    content: Mapping[str, Any] = spec.get("content", {})
    json_type = next((t for t in content if t == "application/json"), None)
    validator = None
    if json_type is not None and "schema" in content[json_type]:
        validator = document.validator(f"{pointer}/content/{pointer_to(json_type)[1:]}/schema")
    return BodyRule(bool(spec.get("required", False)), frozenset(content), validator)


def _parse_json(raw: bytes) -> Any:
    try:
        return json.loads(raw, parse_constant=_refuse_constant)
    except RecursionError:
        raise _invalid_body(
            [Problem("body", f"is nested deeper than {MAX_JSON_DEPTH} levels")]
        ) from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise ApiError(
            400,
            "malformed_json",
            "the body is not valid JSON",
            {"field": "body", "reason": f"not valid JSON: {exc}"},
        ) from None


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _invalid_body(problems: list[Problem]) -> ApiError:
    first = problems[0]
    return ApiError(
        400,
        "invalid_body",
        f"invalid body field {first.field}: {first.reason}",
        details_of(problems),
    )
