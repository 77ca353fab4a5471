"""Path and query parameters: coerced from text by their schema type, then validated."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator, Mapping
from typing import Any

import attrs
from jsonschema import Draft202012Validator

from revenge_app.http.problems import Problem, problems_of
from revenge_app.http.untrusted import text_problem

_INTEGER = re.compile(r"-?\d+")
_NUMBER = re.compile(r"-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?")
_BOOLEANS = {"true": True, "false": False}
_ABSENT = object()


class Params(Mapping[str, object]):
    """Validated parameter values by name, with typed getters for handlers."""

    def __init__(self, values: Mapping[str, object]) -> None:
        self._values = dict(values)

    def __getitem__(self, name: str) -> object:
        return self._values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def integer(self, name: str) -> int:
        value = self._values[name]
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"parameter {name} is not an integer")
        return value

    def number(self, name: str) -> float:
        value = self._values[name]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(f"parameter {name} is not a number")
        return float(value)

    def text(self, name: str) -> str:
        value = self._values[name]
        if not isinstance(value, str):
            raise TypeError(f"parameter {name} is not a string")
        return value

    def boolean(self, name: str) -> bool:
        value = self._values[name]
        if not isinstance(value, bool):
            raise TypeError(f"parameter {name} is not a boolean")
        return value

    def uuid(self, name: str) -> uuid.UUID:
        return uuid.UUID(self.text(name))


@attrs.frozen
class ParameterRule:
    """How one declared parameter is read: where from, its type, default and validator."""

    name: str
    location: str
    required: bool
    kind: str
    default: object
    validator: Draft202012Validator

    @classmethod
    def build(
        cls, spec: Mapping[str, Any], schema: Mapping[str, Any], validator: Draft202012Validator
    ) -> ParameterRule:
        kind = _scalar_type(schema)
        if kind in ("array", "object"):
            raise ValueError(f"parameter {spec['name']}: {kind} parameters are not supported")
        required = bool(spec.get("required", False)) or spec["in"] == "path"
        default = schema.get("default", _ABSENT)
        return cls(spec["name"], spec["in"], required, kind, default, validator)

    def read(self, raw: str | None, into: dict[str, object]) -> list[Problem]:
        """Put the coerced value (or the default) into `into`; return the problems found."""
        if raw is None:
            if self.default is not _ABSENT:
                into[self.name] = self.default
            return [Problem(self.name, "is required")] if self.required else []
        unfit = text_problem(raw)
        if unfit is not None:
            return [Problem(self.name, unfit)]
        value = coerce(raw, self.kind)
        if value is _ABSENT:
            return [Problem(self.name, f"must be {_ARTICLE[self.kind]}")]
        problems = problems_of(self.validator, value, self.name)
        if not problems:
            into[self.name] = value
        return problems


_ARTICLE = {
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
    "string": "a string",
}


def coerce(raw: str, kind: str) -> object:
    """The value of `raw` for a parameter of schema type `kind`, or _ABSENT if it is not one."""
    if kind == "integer":
        return int(raw) if _INTEGER.fullmatch(raw) else _ABSENT
    if kind == "number":
        return float(raw) if _NUMBER.fullmatch(raw) else _ABSENT
    if kind == "boolean":
        return _BOOLEANS.get(raw.lower(), _ABSENT)
    return raw


def _scalar_type(schema: Mapping[str, Any]) -> str:
    declared = schema.get("type", "string")
    if isinstance(declared, list):
        declared = next((t for t in declared if t != "null"), "string")
    return str(declared)
