"""Our document bounds every integer a client sends, so no value overflows a column."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from revenge_app.http.document import OpenApiDocument, bundled_document

SKIPPED = frozenset({"example", "examples", "default", "description"})


def unbounded_integers(document: OpenApiDocument, node: Any, where: str) -> Iterator[str]:
    pending: list[tuple[Any, str, frozenset[int]]] = [(node, where, frozenset())]
    while pending:
        item, at, seen = pending.pop()
        if isinstance(item, Mapping):
            item = document.resolve(item)
            if id(item) in seen:
                continue
            seen |= {id(item)}
            kinds = item.get("type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if "integer" in kinds and "maximum" not in item and "enum" not in item:
                yield at
            pending.extend(
                (value, f"{at}.{key}", seen) for key, value in item.items() if key not in SKIPPED
            )
        elif isinstance(item, list):
            pending.extend((value, at, seen) for value in item)


def inputs(document: OpenApiDocument) -> Iterator[tuple[Any, str]]:
    for operation in document.operations():
        name = operation.key.operation_id
        declared = [*operation.path_parameters, *operation.spec.get("parameters", ())]
        for parameter in map(document.resolve, declared):
            yield parameter.get("schema", {}), f"{name} {parameter['name']}"
        if "requestBody" in operation.spec:
            yield operation.spec["requestBody"], f"{name} body"


def test_every_integer_a_client_sends_has_a_maximum() -> None:
    document = bundled_document()
    found = [
        where
        for schema, named in inputs(document)
        for where in unbounded_integers(document, schema, named)
    ]
    assert found == []


def test_the_check_finds_an_unbounded_integer() -> None:
    document = OpenApiDocument.from_text(
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    get:\n"
        "      operationId: x\n      parameters:\n"
        "        - {name: offset, in: query, schema: {type: integer, minimum: 0}}\n"
        "        - {name: limit, in: query, schema: {type: integer, maximum: 9}}\n"
    )
    assert [w for s, n in inputs(document) for w in unbounded_integers(document, s, n)] == [
        "x offset"
    ]
