"""Structured search filters.

Filters are values built by our own code (the permission filter, and client filters after they
are parsed and checked against the collection's allowed fields). The index adapter renders them
into its engine's syntax, so raw client text never reaches the engine: string values are always
quoted, and a value that cannot be quoted safely (one holding a backtick) is refused here.
"""

from __future__ import annotations

import math
import re
from typing import Literal

import attrs

from revenge_domain.errors import InvalidInput

Scalar = str | int | float | bool
Comparison = Literal[">", ">=", "<", "<="]
_FIELD_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")


def _check_field(inst: object, attr: attrs.Attribute[str], value: str) -> None:
    if not _FIELD_NAME.match(value):
        raise InvalidInput(f"bad filter field {value!r}", {"field": value})


def check_scalar(field: str, value: Scalar) -> None:
    """Refuse values the engine cannot take literally (backticks, NaN, infinities)."""
    if isinstance(value, str) and "`" in value:
        raise InvalidInput(
            f"filter value for {field!r} may not contain a backtick", {"field": field}
        )
    if isinstance(value, float) and not math.isfinite(value):
        raise InvalidInput(f"filter value for {field!r} must be a finite number", {"field": field})


@attrs.frozen
class Equals:
    field: str = attrs.field(validator=_check_field)
    value: Scalar

    def __attrs_post_init__(self) -> None:
        check_scalar(self.field, self.value)


@attrs.frozen
class NotEquals:
    field: str = attrs.field(validator=_check_field)
    value: Scalar

    def __attrs_post_init__(self) -> None:
        check_scalar(self.field, self.value)


@attrs.frozen
class OneOf:
    """The field equals any of `values` (for arrays: holds any of them)."""

    field: str = attrs.field(validator=_check_field)
    values: tuple[Scalar, ...]

    def __attrs_post_init__(self) -> None:
        if not self.values:
            raise InvalidInput(
                f"filter on {self.field!r} needs at least one value", {"field": self.field}
            )
        for value in self.values:
            check_scalar(self.field, value)


@attrs.frozen
class Compare:
    field: str = attrs.field(validator=_check_field)
    op: Comparison
    value: int | float

    def __attrs_post_init__(self) -> None:
        check_scalar(self.field, self.value)


@attrs.frozen
class Between:
    """`low <= field <= high`."""

    field: str = attrs.field(validator=_check_field)
    low: int | float
    high: int | float

    def __attrs_post_init__(self) -> None:
        check_scalar(self.field, self.low)
        check_scalar(self.field, self.high)


def _check_parts(
    inst: object, attr: attrs.Attribute[tuple[Filter, ...]], value: tuple[Filter, ...]
) -> None:
    if not value:
        raise InvalidInput("a filter group needs at least one part")


@attrs.frozen
class AllOf:
    parts: tuple[Filter, ...] = attrs.field(validator=_check_parts)


@attrs.frozen
class AnyOf:
    parts: tuple[Filter, ...] = attrs.field(validator=_check_parts)


Filter = Equals | NotEquals | OneOf | Compare | Between | AllOf | AnyOf


def all_of(*filters: Filter | None) -> Filter | None:
    """Every given filter must hold; `None`s are skipped (handy for optional client filters)."""
    present = tuple(f for f in filters if f is not None)
    if not present:
        return None
    return present[0] if len(present) == 1 else AllOf(present)
