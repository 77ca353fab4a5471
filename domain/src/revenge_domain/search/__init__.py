"""Search values: collection schemas, queries, filters, results and errors."""

from revenge_domain.search.errors import InvalidSearch, SearchUnavailable
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
    all_of,
)
from revenge_domain.search.query import (
    TEXT_MATCH,
    FacetCount,
    FacetValue,
    Highlight,
    SearchHit,
    SearchQuery,
    SearchResult,
    Sort,
)
from revenge_domain.search.schema import CollectionSchema, FieldType, SearchField
from revenge_domain.search.writes import (
    Document,
    DocumentError,
    EnsureResult,
    RebuildResult,
    SchemaStatus,
    UpsertResult,
)

__all__ = [
    "TEXT_MATCH",
    "AllOf",
    "AnyOf",
    "Between",
    "CollectionSchema",
    "Compare",
    "Document",
    "DocumentError",
    "EnsureResult",
    "Equals",
    "FacetCount",
    "FacetValue",
    "FieldType",
    "Filter",
    "Highlight",
    "InvalidSearch",
    "NotEquals",
    "OneOf",
    "RebuildResult",
    "Scalar",
    "SchemaStatus",
    "SearchField",
    "SearchHit",
    "SearchQuery",
    "SearchResult",
    "SearchUnavailable",
    "Sort",
    "UpsertResult",
    "all_of",
]
