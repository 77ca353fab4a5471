"""An in-memory search index: words match as substrings of the `query_by` fields (no typo
tolerance), filters compare values exactly, facets count values, results are paged."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import AsyncIterable, Mapping, Sequence
from typing import Any

import attrs

from revenge_domain.search import (
    TEXT_MATCH,
    AllOf,
    AnyOf,
    Between,
    CollectionSchema,
    Compare,
    Document,
    DocumentError,
    EnsureResult,
    Equals,
    FacetCount,
    FacetValue,
    Filter,
    Highlight,
    NotEquals,
    OneOf,
    RebuildResult,
    SchemaStatus,
    SearchHit,
    SearchQuery,
    SearchResult,
    SearchUnavailable,
    Sort,
    UpsertResult,
)

_NOT_WORD = re.compile(r"[^\w\s]")


@attrs.define
class FakeCollection:
    schema: CollectionSchema
    documents: dict[str, dict[str, Any]] = attrs.field(factory=dict)


class FakeSearchIndex:
    """Set `available = False` to make every call fail (or put names in `broken`)."""

    def __init__(self) -> None:
        self.collections: dict[str, FakeCollection] = {}
        self.available = True
        self.broken: set[str] = set()

    async def ensure(self, schema: CollectionSchema) -> EnsureResult:
        self._check("ensure")
        live = self.collections.get(schema.name)
        if live is None:
            self.collections[schema.name] = FakeCollection(schema)
            return EnsureResult(schema.name, SchemaStatus.CREATED, schema.version, schema.version)
        version = live.schema.version
        status = (
            SchemaStatus.CURRENT
            if version == schema.version
            else SchemaStatus.STALE
            if version < schema.version
            else SchemaStatus.AHEAD
        )
        return EnsureResult(schema.name, status, schema.version, version)

    async def upsert(self, collection: str, documents: Sequence[Document]) -> UpsertResult:
        return _store(self._collection(collection), documents)

    async def delete(self, collection: str, ids: Sequence[str]) -> int:
        stored = self._collection(collection).documents
        return sum(stored.pop(doc_id, None) is not None for doc_id in ids)

    async def search(self, collection: str, query: SearchQuery) -> SearchResult:
        return _search(collection, self._collection(collection), query)

    async def multi_search(self, searches: Sequence[tuple[str, SearchQuery]]) -> list[SearchResult]:
        self._check("multi_search")
        results = []
        for name, query in searches:
            try:
                results.append(await self.search(name, query))
            except SearchUnavailable as exc:
                results.append(SearchResult.failed(name, query, exc.message))
        return results

    async def rebuild(
        self, schema: CollectionSchema, batches: AsyncIterable[Sequence[Document]]
    ) -> RebuildResult:
        self._check("rebuild")
        fresh = FakeCollection(schema)
        loaded = UpsertResult(0)
        async for batch in batches:
            loaded += _store(fresh, batch)
        self.collections[schema.name] = fresh  # the swap: searches saw the old one until now
        return RebuildResult(schema.name, schema.version, loaded.imported, loaded.errors)

    async def healthy(self) -> bool:
        return self.available

    def _check(self, what: str) -> None:
        if not self.available:
            raise SearchUnavailable(f"search engine down ({what})")

    def _collection(self, name: str) -> FakeCollection:
        self._check(name)
        if name in self.broken or name not in self.collections:
            raise SearchUnavailable(f"no collection {name}")
        return self.collections[name]


def _store(collection: FakeCollection, documents: Sequence[Document]) -> UpsertResult:
    required = [f.name for f in collection.schema.fields if not f.optional]
    imported, errors = 0, []
    for document in documents:
        doc_id = document.get("id")
        missing = [name for name in required if name not in document]
        if not isinstance(doc_id, str) or not doc_id:
            errors.append(DocumentError(None, "a document needs a non-empty string id"))
        elif missing:
            errors.append(DocumentError(doc_id, f"field {missing[0]} is required"))
        else:
            collection.documents[doc_id] = dict(document)
            imported += 1
    return UpsertResult(imported, tuple(errors))


def _search(name: str, collection: FakeCollection, query: SearchQuery) -> SearchResult:
    words = [] if query.q.strip() == "*" else _normalize(query.q).split()
    hits = []
    for document in collection.documents.values():
        if query.filter_by is not None and not matches(query.filter_by, document):
            continue
        hit = _match(document, words, query.query_by)
        if hit is not None:
            hits.append(hit)
    hits = _sorted(hits, query.sort_by or _default_sort(collection.schema))
    start = (query.page - 1) * query.per_page
    return SearchResult(
        collection=name,
        hits=tuple(hits[start : start + query.per_page]),
        found=len(hits),
        page=query.page,
        per_page=query.per_page,
        facets=tuple(_facet(field, hits, query.max_facet_values) for field in query.facet_by),
    )


def _normalize(text: str) -> str:
    return _NOT_WORD.sub("", text.lower())


def _texts(value: object) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [_normalize(str(v)) for v in values if v is not None]


def _match(
    document: Mapping[str, Any], words: list[str], fields: Sequence[str]
) -> SearchHit | None:
    """Every word must occur in some field; earlier fields score higher."""
    score, highlights = 0, []
    for word in words:
        weights = [
            len(fields) - i
            for i, field in enumerate(fields)
            if any(word in text for text in _texts(document.get(field)))
        ]
        if not weights:
            return None
        score += max(weights)
    for field in fields:
        found = [w for w in words if any(w in text for text in _texts(document.get(field)))]
        if found:
            highlights.append(Highlight(field, str(document[field]), tuple(found)))
    return SearchHit(document, score, tuple(highlights))


def _default_sort(schema: CollectionSchema) -> tuple[Sort, ...]:
    by_field = (Sort(schema.default_sorting_field),) if schema.default_sorting_field else ()
    return (Sort(TEXT_MATCH), *by_field)


def _sorted(hits: list[SearchHit], sorts: Sequence[Sort]) -> list[SearchHit]:
    """Stable sorts from the last key to the first; missing values go last either way."""
    for sort in reversed(sorts):
        present = [hit for hit in hits if _sort_value(hit, sort) is not None]
        missing = [hit for hit in hits if _sort_value(hit, sort) is None]
        present.sort(key=lambda hit: _sort_value(hit, sort), reverse=sort.descending)
        hits = present + missing
    return hits


def _sort_value(hit: SearchHit, sort: Sort) -> Any:
    return hit.text_match if sort.field == TEXT_MATCH else hit.document.get(sort.field)


def _facet(field: str, hits: Sequence[SearchHit], limit: int) -> FacetCount:
    counts: Counter[str] = Counter()
    for hit in hits:
        value = hit.document.get(field)
        for item in value if isinstance(value, list) else [value]:
            if item is not None:
                counts[_facet_text(item)] += 1
    return FacetCount(field, tuple(FacetValue(v, c) for v, c in counts.most_common(limit)))


def _facet_text(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def matches(filter_: Filter, document: Mapping[str, Any]) -> bool:
    """Whether `document` passes `filter_` (array fields pass when any element does)."""
    match filter_:
        case AllOf(parts):
            return all(matches(part, document) for part in parts)
        case AnyOf(parts):
            return any(matches(part, document) for part in parts)
        case NotEquals(field, value):
            return value not in _values(document, field)
        case Equals(field, value):
            return value in _values(document, field)
        case OneOf(field, values):
            return any(v in values for v in _values(document, field))
        case Compare(field, op, value):
            return any(_compare(v, op, value) for v in _values(document, field))
        case Between(field, low, high):
            return any(low <= v <= high for v in _values(document, field))
    raise TypeError(f"not a filter: {filter_!r}")


def _values(document: Mapping[str, Any], field: str) -> list[Any]:
    value = document.get(field)
    return [] if value is None else value if isinstance(value, list) else [value]


def _compare(left: Any, op: str, right: float) -> bool:
    return bool(
        {">": left > right, ">=": left >= right, "<": left < right, "<=": left <= right}[op]
    )
