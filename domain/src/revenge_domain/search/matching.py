"""Whether a document passes a structured filter, as the engine would decide it (an array field
passes when any of its elements does), and facet counts over documents. The database fallback
uses them for client filters."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from revenge_domain.search.filters import (
    AllOf,
    AnyOf,
    Between,
    Compare,
    Equals,
    Filter,
    NotEquals,
    OneOf,
)
from revenge_domain.search.query import FacetValue


def passes(filter_: Filter, document: Mapping[str, Any]) -> bool:
    match filter_:
        case AllOf(parts):
            return all(passes(part, document) for part in parts)
        case AnyOf(parts):
            return any(passes(part, document) for part in parts)
        case Equals(field, value):
            return value in _values(document, field)
        case NotEquals(field, value):
            return value not in _values(document, field)
        case OneOf(field, values):
            return any(value in values for value in _values(document, field))
        case Compare(field, op, value):
            return any(_compared(v, op, value) for v in _numbers(document, field))
        case Between(field, low, high):
            return any(low <= v <= high for v in _numbers(document, field))
    raise TypeError(f"not a filter: {filter_!r}")


def count_facets(
    documents: Iterable[Mapping[str, Any]], names: Sequence[str], limit: int
) -> dict[str, list[FacetValue]]:
    """By field, how many documents hold each value, as the engine counts: a document once per
    value it holds, values as text, most frequent first (then by value), at most `limit` per
    field."""
    held = list(documents)
    counts: dict[str, list[FacetValue]] = {}
    for name in names:
        found = Counter(v for d in held for v in {_facet_text(x) for x in _values(d, name)})
        ranked = sorted(found.items(), key=lambda item: (-item[1], item[0]))[:limit]
        counts[name] = [FacetValue(value, count) for value, count in ranked]
    return counts


def _facet_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _values(document: Mapping[str, Any], field: str) -> list[Any]:
    value = document.get(field)
    return [] if value is None else value if isinstance(value, list) else [value]


def _numbers(document: Mapping[str, Any], field: str) -> list[int | float]:
    return [
        v
        for v in _values(document, field)
        if isinstance(v, int | float) and not isinstance(v, bool)
    ]


def _compared(left: float, op: str, right: float) -> bool:
    if op == ">":
        return left > right
    if op == ">=":
        return left >= right
    if op == "<":
        return left < right
    return left <= right
