"""Validation problems as `{field, reason}` pairs that read well in an error body."""

from __future__ import annotations

from typing import Any

import attrs
from jsonschema import Draft202012Validator, ValidationError

MAX_PROBLEMS = 20


@attrs.frozen
class Problem:
    field: str
    reason: str

    def to_json(self) -> dict[str, str]:
        return {"field": self.field, "reason": self.reason}


def problems_of(validator: Draft202012Validator, instance: object, root: str) -> list[Problem]:
    """Every problem of `instance`; fields are dotted paths below `root` (e.g. `items.0.name`)."""
    errors = sorted(validator.iter_errors(instance), key=lambda e: [str(p) for p in e.path])
    found: list[Problem] = []
    for error in errors[:MAX_PROBLEMS]:
        found.extend(_explain(error, root))
    return found


def details_of(problems: list[Problem]) -> dict[str, Any]:
    first = problems[0]
    return {**first.to_json(), "errors": [p.to_json() for p in problems]}


def _explain(error: ValidationError, root: str) -> list[Problem]:
    path = [str(part) for part in error.absolute_path]
    rule: Any = error.validator_value
    instance: Any = error.instance
    if error.validator == "required":
        missing = [name for name in rule if name not in instance]
        return [Problem(_field(root, [*path, name]), "is required") for name in missing]
    if error.validator == "additionalProperties" and rule is False:
        known = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        extra = [name for name in instance if name not in known]
        return [Problem(_field(root, [*path, name]), "is not allowed") for name in extra]
    return [Problem(_field(root, path), _reason(error))]


def _field(root: str, path: list[str]) -> str:
    if not path:
        return root
    return ".".join(path) if root == "body" else ".".join([root, *path])


def _reason(error: ValidationError) -> str:
    value: Any = error.validator_value
    templates = {
        "maximum": "must be <= {}",
        "minimum": "must be >= {}",
        "exclusiveMaximum": "must be < {}",
        "exclusiveMinimum": "must be > {}",
        "minLength": "must be at least {} characters long",
        "maxLength": "must be at most {} characters long",
        "minItems": "must have at least {} items",
        "maxItems": "must have at most {} items",
        "pattern": "must match the pattern {}",
        "format": "must be a valid {}",
        "const": "must be {}",
    }
    if error.validator in templates:
        return templates[str(error.validator)].format(value)
    if error.validator == "enum":
        return "must be one of " + ", ".join(str(v) for v in value)
    if error.validator == "type":
        kinds = value if isinstance(value, list) else [value]
        return "must be of type " + " or ".join(str(k) for k in kinds)
    return str(error.message)
