"""Client `filter_by`, `sort_by` and `facet_by` text, read into structured values.

Clients write a small part of the engine's filter syntax: `field:=value`, `field:!=value`,
`field:>n` (`>=`, `<`, `<=`), `field:=[a,b]`, `field:[1..9]`, joined with `&&` and `||` and
grouped with parentheses; strings may be quoted in backticks. Every field is checked against
what the collection allows (hidden fields such as the owning library are never allowed), every
value against the field's type. The result is a `Filter` the index renders itself: the text the
client sent never reaches the engine.
"""

from __future__ import annotations

import re

import attrs

from revenge_domain.errors import InvalidInput
from revenge_domain.search.filters import (
    AllOf,
    AnyOf,
    Between,
    Compare,
    Equals,
    Filter,
    NotEquals,
    OneOf,
    Scalar,
)
from revenge_domain.search.query import MAX_SORT_FIELDS, TEXT_MATCH, Sort
from revenge_domain.search.schema import NUMERIC_TYPES, CollectionSchema, SearchField

MAX_FILTER_LENGTH = 1000
MAX_CLAUSES = 20
MAX_DEPTH = 4
_TOKEN = re.compile(r"\s*(&&|\|\||\(|\))")
_CLAUSE = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(!=|>=|<=|=|>|<)?\s*")
_RANGE = re.compile(r"^\s*(-?[\d.]+)\s*\.\.\s*(-?[\d.]+)\s*$")
_INTEGER = re.compile(r"-?\d+")
_NUMBER = re.compile(r"-?(\d+(\.\d*)?|\.\d+)")


def _bad(message: str, parameter: str, name: str | None = None) -> InvalidInput:
    details = {"field": parameter, **({"name": name} if name is not None else {})}
    return InvalidInput(message, details)


@attrs.frozen
class ClientFields:
    """What clients may filter, sort and facet a collection on.

    `hidden` fields (the owning library) are never theirs to name: the permission filter alone
    decides what they see.
    """

    schema: CollectionSchema
    hidden: frozenset[str] = frozenset()

    def filterable(self, name: str) -> SearchField:
        field = self._known(name, "filter_by")
        if not field.index:
            raise _bad(f"filter_by: field {name!r} cannot be filtered on", "filter_by", name)
        return field

    def sortable(self, name: str) -> bool:
        if name == TEXT_MATCH:
            return True
        field = self._known(name, "sort_by")
        if field.sort is not None:
            return field.sort
        return field.type in NUMERIC_TYPES and field.index

    def facetable(self, name: str) -> bool:
        return self._known(name, "facet_by").facet

    def _known(self, name: str, parameter: str) -> SearchField:
        field = None if name in self.hidden else self.schema.field(name)
        if field is None:
            message = f"{parameter}: unknown field {name!r} in {self.schema.name}"
            raise _bad(message, parameter, name)
        return field


def parse_sort(text: str, fields: ClientFields) -> tuple[Sort, ...]:
    """`popularity:desc,year:asc` (at most three fields)."""
    sorts = []
    for part in (p.strip() for p in text.split(",")):
        name, _, direction = part.partition(":")
        name = name.strip()
        if direction.strip() not in ("asc", "desc"):
            raise _bad(f"sort_by: {part!r} must be field:asc or field:desc", "sort_by", name)
        if not fields.sortable(name):
            raise _bad(f"sort_by: field {name!r} cannot be sorted on", "sort_by", name)
        sorts.append(Sort(name, descending=direction.strip() == "desc"))
    if len(sorts) > MAX_SORT_FIELDS:
        raise _bad(f"sort_by: at most {MAX_SORT_FIELDS} fields", "sort_by")
    return tuple(sorts)


def parse_facets(text: str, fields: ClientFields) -> tuple[str, ...]:
    """`genres,year`: every name a facet field of the collection."""
    names = tuple(dict.fromkeys(name.strip() for name in text.split(",") if name.strip()))
    for name in names:
        if not fields.facetable(name):
            raise _bad(f"facet_by: field {name!r} is not a facet", "facet_by", name)
    return names


def parse_filter(text: str, fields: ClientFields) -> Filter:
    """The client's filter as a `Filter`; InvalidInput naming the field or the fault."""
    if len(text) > MAX_FILTER_LENGTH:
        raise _bad(f"filter_by: at most {MAX_FILTER_LENGTH} characters", "filter_by")
    reader = _Reader(text, fields)
    found = reader.expression(0)
    if reader.rest().strip():
        raise _bad(f"filter_by: unexpected {reader.rest().strip()[:20]!r}", "filter_by")
    return found


class _Reader:
    """Recursive descent over the filter text; `&&` binds tighter than `||`."""

    def __init__(self, text: str, fields: ClientFields) -> None:
        self.text, self.at, self.fields, self.clauses = text, 0, fields, 0

    def rest(self) -> str:
        return self.text[self.at :]

    def expression(self, depth: int) -> Filter:
        if depth > MAX_DEPTH:
            raise _bad(f"filter_by: at most {MAX_DEPTH} levels of parentheses", "filter_by")
        alternatives = [self.conjunction(depth)]
        while self._take("||"):
            alternatives.append(self.conjunction(depth))
        return alternatives[0] if len(alternatives) == 1 else AnyOf(tuple(alternatives))

    def conjunction(self, depth: int) -> Filter:
        parts = [self.term(depth)]
        while self._take("&&"):
            parts.append(self.term(depth))
        return parts[0] if len(parts) == 1 else AllOf(tuple(parts))

    def term(self, depth: int) -> Filter:
        if self._take("("):
            inner = self.expression(depth + 1)
            if not self._take(")"):
                raise _bad("filter_by: a '(' is not closed", "filter_by")
            return inner
        return self.clause()

    def clause(self) -> Filter:
        self.clauses += 1
        if self.clauses > MAX_CLAUSES:
            raise _bad(f"filter_by: at most {MAX_CLAUSES} conditions", "filter_by")
        match = _CLAUSE.match(self.text, self.at)
        if match is None:
            raise _bad(f"filter_by: expected field:value at {self.rest()[:20]!r}", "filter_by")
        self.at = match.end()
        field = self.fields.filterable(match[1])
        return _condition(field, match[2] or "=", self._value())

    def _value(self) -> str:
        if self.rest().startswith("["):
            end = _closing(self.text, self.at, "]")
            raw, self.at = self.text[self.at : end + 1], end + 1
            return raw
        if self.rest().startswith("`"):
            end = _closing(self.text, self.at, "`")
            raw, self.at = self.text[self.at : end + 1], end + 1
            return raw
        stop = _value_end(self.text, self.at)
        raw, self.at = self.text[self.at : stop].strip(), stop
        return raw

    def _take(self, token: str) -> bool:
        match = _TOKEN.match(self.text, self.at)
        if match is not None and match[1] == token:
            self.at = match.end()
            return True
        return False


def _closing(text: str, start: int, char: str) -> int:
    """Where the list or backtick quote opened at `start` closes."""
    end = _list_end(text, start) if char == "]" else text.find(char, start + 1)
    if end < 0:
        raise _bad(f"filter_by: a {text[start]!r} is not closed", "filter_by")
    return end


def _list_end(text: str, start: int) -> int:
    quoted = False
    for at in range(start + 1, len(text)):
        if text[at] == "`":
            quoted = not quoted
        elif text[at] == "]" and not quoted:
            return at
    return -1


def _value_end(text: str, start: int) -> int:
    ends = [at for at in (text.find(t, start) for t in ("&&", "||", ")")) if at >= 0]
    return min(ends, default=len(text))


def _condition(field: SearchField, op: str, raw: str) -> Filter:
    if raw.startswith("["):
        return _list_condition(field, op, raw[1:-1])
    value = _scalar(field, raw)
    if op == "=":
        return Equals(field.name, value)
    if op == "!=":
        return NotEquals(field.name, value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _bad(f"filter_by: {field.name!r} is not a number to compare", "filter_by", field.name)
    return Compare(field.name, op, value)  # type: ignore[arg-type]


def _list_condition(field: SearchField, op: str, inner: str) -> Filter:
    span = _RANGE.match(inner)
    if span is not None and op == "=":
        low, high = _scalar(field, span[1]), _scalar(field, span[2])
        if not _is_number(low) or not _is_number(high):
            raise _bad(f"filter_by: {field.name!r} is not a number range", "filter_by", field.name)
        return Between(field.name, low, high)  # type: ignore[arg-type]
    values = tuple(_scalar(field, item) for item in _split_list(inner))
    if op == "=":
        return OneOf(field.name, values)
    if op == "!=":
        return AllOf(tuple(NotEquals(field.name, value) for value in values))
    raise _bad(f"filter_by: {field.name!r} cannot compare a list", "filter_by", field.name)


def _split_list(inner: str) -> list[str]:
    items, current, quoted = [], "", False
    for char in inner:
        if char == "`":
            quoted = not quoted
        if char == "," and not quoted:
            items.append(current)
            current = ""
        else:
            current += char
    items.append(current)
    return [item.strip() for item in items]


def _is_number(value: Scalar) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _scalar(field: SearchField, raw: str) -> Scalar:
    """`raw` as a value of the field's type (strings may be backtick-quoted)."""
    text = raw.strip()
    if text.startswith("`") and text.endswith("`") and len(text) >= 2:
        text = text[1:-1]
    kind = field.type.removesuffix("[]")
    if kind in ("int32", "int64") and _INTEGER.fullmatch(text):
        return int(text)
    if kind == "float" and _NUMBER.fullmatch(text):
        return float(text)
    if kind == "bool" and text in ("true", "false"):
        return text == "true"
    if kind == "string" and text and "`" not in text:
        return text
    raise _bad(
        f"filter_by: {text[:40]!r} is not a valid {kind} for {field.name!r}",
        "filter_by",
        field.name,
    )
