"""What index writes report: per-document errors, schema state, rebuild outcome."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

import attrs

Document = Mapping[str, Any]
"""A JSON-compatible mapping with a string `id`; dates as Unix seconds."""


@attrs.frozen
class DocumentError:
    id: str | None
    message: str


@attrs.frozen
class UpsertResult:
    imported: int
    errors: tuple[DocumentError, ...] = ()

    @property
    def failed(self) -> int:
        return len(self.errors)

    def __add__(self, other: UpsertResult) -> UpsertResult:
        return UpsertResult(self.imported + other.imported, self.errors + other.errors)


class SchemaStatus(enum.Enum):
    CREATED = "created"
    """The collection did not exist (or its alias pointed nowhere) and was created empty."""
    CURRENT = "current"
    STALE = "stale"
    """The live collection has an older schema version than the code."""
    AHEAD = "ahead"
    """The live collection was built by newer code (a rolling deploy); leave it alone."""


@attrs.frozen
class EnsureResult:
    collection: str
    status: SchemaStatus
    code_version: int
    index_version: int

    @property
    def needs_rebuild(self) -> bool:
        """True when the documents must be (re)loaded from the catalog with `rebuild`."""
        return self.status in (SchemaStatus.CREATED, SchemaStatus.STALE)


@attrs.frozen
class RebuildResult:
    collection: str
    version: int
    imported: int
    errors: tuple[DocumentError, ...] = ()
    swapped: bool = True
    """False when a newer rebuild had already gone live; this one was then discarded."""
