"""What a search asks for, and what it answers."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from revenge_domain.errors import InvalidInput
from revenge_domain.search.filters import Filter

TEXT_MATCH = "_text_match"
MAX_PER_PAGE = 250
MAX_SORT_FIELDS = 3


@attrs.frozen
class Sort:
    field: str
    descending: bool = True


def _names(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _sorts(value: Iterable[Sort]) -> tuple[Sort, ...]:
    return tuple(value)


def _at_least(low: int) -> Any:
    def check(inst: object, attr: attrs.Attribute[int], value: int) -> None:
        if value < low:
            raise InvalidInput(f"{attr.name} must be at least {low}", {"field": attr.name})

    return check


def _at_most(high: int) -> Any:
    def check(inst: object, attr: attrs.Attribute[int], value: int) -> None:
        if value > high:
            raise InvalidInput(f"{attr.name} must be at most {high}", {"field": attr.name})

    return check


def _check_sorts(
    inst: object, attr: attrs.Attribute[tuple[Sort, ...]], value: tuple[Sort, ...]
) -> None:
    if len(value) > MAX_SORT_FIELDS:
        raise InvalidInput(f"at most {MAX_SORT_FIELDS} sort fields", {"field": "sort_by"})


@attrs.frozen(kw_only=True)
class SearchQuery:
    """One search over one collection. `q="*"` matches every document (then filter/sort/facet).

    `filter_by` is a structured `Filter`, never raw text (see `revenge_domain.search.filters`).
    `prefix` lets the last word match as a prefix (autocomplete); `num_typos` is 0, 1 or 2.
    """

    q: str = "*"
    query_by: tuple[str, ...] = attrs.field(converter=_names, validator=attrs.validators.min_len(1))
    filter_by: Filter | None = None
    sort_by: tuple[Sort, ...] = attrs.field(default=(), converter=_sorts, validator=_check_sorts)
    facet_by: tuple[str, ...] = attrs.field(default=(), converter=_names)
    max_facet_values: int = attrs.field(default=10, validator=_at_least(1))
    page: int = attrs.field(default=1, validator=_at_least(1))
    per_page: int = attrs.field(default=20, validator=[_at_least(1), _at_most(MAX_PER_PAGE)])
    prefix: bool = True
    num_typos: int = attrs.field(default=2, validator=[_at_least(0), _at_most(2)])
    typo_tokens_threshold: int | None = None
    drop_tokens_threshold: int | None = None
    include_fields: tuple[str, ...] = attrs.field(default=(), converter=_names)


@attrs.frozen
class Highlight:
    field: str
    snippet: str
    matched_tokens: tuple[str, ...] = ()


@attrs.frozen
class SearchHit:
    document: Mapping[str, Any]
    text_match: int = 0
    highlights: tuple[Highlight, ...] = ()


@attrs.frozen
class FacetValue:
    value: str
    count: int


@attrs.frozen
class FacetCount:
    field: str
    values: tuple[FacetValue, ...]


@attrs.frozen
class SearchResult:
    """One page of hits. `error` is set only inside a multi-search, when this one search failed
    (its hits are then empty and the other searches of the call still stand)."""

    collection: str
    hits: tuple[SearchHit, ...]
    found: int
    page: int
    per_page: int
    facets: tuple[FacetCount, ...] = ()
    search_time_ms: int = 0
    error: str | None = None

    @classmethod
    def failed(cls, collection: str, query: SearchQuery, error: str) -> SearchResult:
        return cls(collection, (), 0, query.page, query.per_page, error=error)

    @property
    def total_pages(self) -> int:
        return math.ceil(self.found / self.per_page)

    def facet(self, field: str) -> FacetCount | None:
        return next((facet for facet in self.facets if facet.field == field), None)

    def counts(self, field: str) -> dict[str, int]:
        """Facet counts of `field` as a plain mapping (empty when not faceted)."""
        facet = self.facet(field)
        return {item.value: item.count for item in facet.values} if facet else {}
