"""Our OpenAPI document: served byte for byte and the single source of truth for routes."""

from __future__ import annotations

import functools
import hashlib
import importlib.resources
from collections.abc import Mapping
from datetime import datetime
from typing import Any
from urllib.parse import quote

import attrs
import yaml
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

DOCUMENT_URI = "urn:revenge:openapi"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

FORMAT_CHECKER = FormatChecker()


@FORMAT_CHECKER.checks("date-time", raises=ValueError)
def _is_date_time(instance: object) -> bool:
    if not isinstance(instance, str):
        return True
    # RFC 3339 needs a time and an offset; fromisoformat alone is more lenient.
    parsed = datetime.fromisoformat(instance)
    return "T" in instance.upper() and parsed.tzinfo is not None


for _name in Draft202012Validator.FORMAT_CHECKER.checkers:
    FORMAT_CHECKER.checkers.setdefault(_name, Draft202012Validator.FORMAT_CHECKER.checkers[_name])


@attrs.frozen(order=True)
class OperationKey:
    """What identifies a route on both sides: method (upper case), path template, operationId."""

    method: str
    path: str
    operation_id: str

    def __str__(self) -> str:
        return f"{self.method} {self.path} ({self.operation_id})"


@attrs.frozen
class Operation:
    key: OperationKey
    spec: Mapping[str, Any]
    pointer: str
    path_parameters: tuple[Mapping[str, Any], ...]


class OpenApiDocument:
    """A parsed OpenAPI 3.1 document with its raw bytes, strong ETag and schema registry."""

    def __init__(self, raw: bytes) -> None:
        self.raw = raw
        self.tree: dict[str, Any] = yaml.load(raw, Loader=_LOADER)  # noqa: S506 - safe loader
        self.etag = '"' + hashlib.sha256(raw).hexdigest()[:32] + '"'
        resource = Resource.from_contents(self.tree, default_specification=DRAFT202012)
        self._registry: Registry[Any] = Registry().with_resource(DOCUMENT_URI, resource)

    @classmethod
    def from_text(cls, text: str) -> OpenApiDocument:
        return cls(text.encode("utf-8"))

    def operations(self) -> list[Operation]:
        found: list[Operation] = []
        for path, item in self.tree.get("paths", {}).items():
            shared = tuple(self.resolve(p) for p in item.get("parameters", ()))
            for method in HTTP_METHODS:
                if method not in item:
                    continue
                spec = item[method]
                key = OperationKey(method.upper(), path, spec.get("operationId", ""))
                pointer = pointer_to("paths", path, method)
                found.append(Operation(key, spec, pointer, shared))
        return found

    def operation_keys(self) -> set[OperationKey]:
        return {op.key for op in self.operations()}

    def resolve(self, node: Mapping[str, Any]) -> Mapping[str, Any]:
        """Follow a local `$ref` (e.g. to components/parameters) to the object it names."""
        while "$ref" in node:
            ref = str(node["$ref"])
            if not ref.startswith("#/"):
                raise ValueError(f"only local references are supported, got {ref!r}")
            target: Any = self.tree
            for part in ref[2:].split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            node = target
        return node

    def _at(self, pointer: str) -> object:
        node: Any = self.tree
        for part in pointer.lstrip("/").split("/"):
            key = part.replace("~1", "/").replace("~0", "~")
            node = node[int(key)] if isinstance(node, list) else node[key]
        return node

    def validator(self, pointer: str) -> Draft202012Validator:
        """A Draft 2020-12 validator for the schema at `pointer`, with every `$ref` resolvable."""
        found = self._at(pointer)
        if isinstance(found, Mapping) and not _refers(found):
            # Self-contained (most parameters): no reference to look up on every request.
            return Draft202012Validator(found, format_checker=FORMAT_CHECKER)
        schema = {"$ref": f"{DOCUMENT_URI}#{quote(pointer, safe='/~')}"}
        return Draft202012Validator(schema, registry=self._registry, format_checker=FORMAT_CHECKER)


def _escape(segment: str) -> str:
    return segment.replace("~", "~0").replace("/", "~1")


def pointer_to(*segments: str) -> str:
    return "".join("/" + _escape(s) for s in segments)


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.cache
def bundled_document() -> OpenApiDocument:
    """The document shipped with the server (loaded once per process)."""
    raw = importlib.resources.files("revenge_app.http").joinpath("openapi.yaml").read_bytes()
    return OpenApiDocument(raw)


def _refers(node: object) -> bool:
    """Whether a schema holds a `$ref` anywhere."""
    if isinstance(node, Mapping):
        return "$ref" in node or any(_refers(value) for value in node.values())
    if isinstance(node, list):
        return any(_refers(item) for item in node)
    return False
