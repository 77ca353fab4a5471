"""Search collection schemas, versioned in code.

A schema change (a field added, a type changed) bumps `version`; the index then reports the live
collection as stale and it is rebuilt behind its alias.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

import attrs

FieldType = Literal[
    "string",
    "string[]",
    "int32",
    "int32[]",
    "int64",
    "int64[]",
    "float",
    "float[]",
    "bool",
    "bool[]",
]
NUMERIC_TYPES = frozenset({"int32", "int64", "float"})
_COLLECTION_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_FIELD_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")


@attrs.frozen
class SearchField:
    """One indexed field. `sort=None` keeps the engine's default (numbers sortable, strings not)."""

    name: str
    type: FieldType
    facet: bool = False
    optional: bool = False
    sort: bool | None = None
    index: bool = True
    infix: bool = False

    def __attrs_post_init__(self) -> None:
        if not _FIELD_NAME.match(self.name) or self.name == "id":
            raise ValueError(f"bad search field name {self.name!r} (`id` is implicit)")
        if not self.index and not self.optional:
            raise ValueError(f"search field {self.name!r} is not indexed, so it must be optional")


def _fields(value: Iterable[SearchField]) -> tuple[SearchField, ...]:
    return tuple(value)


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen
class CollectionSchema:
    """A logical collection (`movies`) at a schema `version`; documents carry a string `id`."""

    name: str
    version: int
    fields: tuple[SearchField, ...] = attrs.field(converter=_fields)
    default_sorting_field: str | None = None
    token_separators: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    symbols_to_index: tuple[str, ...] = attrs.field(default=(), converter=_strings)

    def __attrs_post_init__(self) -> None:
        if not _COLLECTION_NAME.match(self.name):
            raise ValueError(f"bad collection name {self.name!r}: use lowercase letters, digits, _")
        if self.version < 1:
            raise ValueError(f"collection {self.name!r}: version must be >= 1")
        names = [field.name for field in self.fields]
        if len(names) != len(set(names)):
            raise ValueError(f"collection {self.name!r} declares a field twice")
        if self.default_sorting_field is not None:
            self._check_default_sort(self.default_sorting_field)

    def _check_default_sort(self, name: str) -> None:
        field = self.field(name)
        if field is None or field.type not in NUMERIC_TYPES or field.optional:
            raise ValueError(
                f"collection {self.name!r}: default sorting field {name!r} "
                "must be a required number"
            )

    def field(self, name: str) -> SearchField | None:
        return next((field for field in self.fields if field.name == name), None)
