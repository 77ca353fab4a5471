"""Translation between our search values and Typesense 0.24 requests and answers (pure)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from revenge_domain.search import (
    AllOf,
    AnyOf,
    Between,
    CollectionSchema,
    Compare,
    Document,
    DocumentError,
    Equals,
    FacetCount,
    FacetValue,
    Filter,
    Highlight,
    NotEquals,
    OneOf,
    Scalar,
    SearchField,
    SearchHit,
    SearchQuery,
    SearchResult,
    UpsertResult,
)


def collection_body(schema: CollectionSchema, physical: str) -> dict[str, Any]:
    body: dict[str, Any] = {"name": physical, "fields": [_field(f) for f in schema.fields]}
    if schema.default_sorting_field:
        body["default_sorting_field"] = schema.default_sorting_field
    if schema.token_separators:
        body["token_separators"] = list(schema.token_separators)
    if schema.symbols_to_index:
        body["symbols_to_index"] = list(schema.symbols_to_index)
    return body


def _field(field: SearchField) -> dict[str, Any]:
    body: dict[str, Any] = {"name": field.name, "type": field.type}
    if field.facet:
        body["facet"] = True
    if field.optional:
        body["optional"] = True
    if field.sort is not None:
        body["sort"] = field.sort
    if not field.index:
        body["index"] = False
    if field.infix:
        body["infix"] = True
    return body


def render_filter(filter_: Filter) -> str:
    """Typesense `filter_by` text; every string value is quoted in backticks."""
    match filter_:
        case Equals(field, value):
            return f"{field}:={_literal(value)}"
        case NotEquals(field, value):
            return f"{field}:!={_literal(value)}"
        case OneOf(field, values):
            return f"{field}:=[{','.join(_literal(v) for v in values)}]"
        case Compare(field, op, value):
            return f"{field}:{op}{_literal(value)}"
        case Between(field, low, high):
            return f"{field}:[{_literal(low)}..{_literal(high)}]"
        case AllOf(parts):
            return " && ".join(_grouped(part) for part in parts)
        case AnyOf(parts):
            return " || ".join(_grouped(part) for part in parts)
    raise TypeError(f"not a filter: {filter_!r}")


def _grouped(filter_: Filter) -> str:
    text = render_filter(filter_)
    return f"({text})" if isinstance(filter_, AllOf | AnyOf) else text


def _literal(value: Scalar) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return f"`{value}`"  # backticks are refused when the filter is built


def search_params(query: SearchQuery) -> dict[str, Any]:
    params: dict[str, Any] = {
        "q": query.q,
        "query_by": ",".join(query.query_by),
        "page": query.page,
        "per_page": query.per_page,
        "prefix": query.prefix,
        "num_typos": query.num_typos,
    }
    if query.filter_by is not None:
        params["filter_by"] = render_filter(query.filter_by)
    if query.sort_by:
        params["sort_by"] = ",".join(
            f"{s.field}:{'desc' if s.descending else 'asc'}" for s in query.sort_by
        )
    if query.facet_by:
        params["facet_by"] = ",".join(query.facet_by)
        params["max_facet_values"] = query.max_facet_values
    if query.typo_tokens_threshold is not None:
        params["typo_tokens_threshold"] = query.typo_tokens_threshold
    if query.drop_tokens_threshold is not None:
        params["drop_tokens_threshold"] = query.drop_tokens_threshold
    if query.include_fields:
        params["include_fields"] = ",".join(query.include_fields)
    return params


def parse_result(collection: str, query: SearchQuery, body: Mapping[str, Any]) -> SearchResult:
    return SearchResult(
        collection=collection,
        hits=tuple(_hit(hit) for hit in body.get("hits", ())),
        found=int(body.get("found", 0)),
        page=int(body.get("page", query.page)),
        per_page=query.per_page,
        facets=tuple(_facet(facet) for facet in body.get("facet_counts", ())),
        search_time_ms=int(body.get("search_time_ms", 0)),
    )


def _hit(hit: Mapping[str, Any]) -> SearchHit:
    return SearchHit(
        document=hit["document"],
        text_match=int(hit.get("text_match", 0)),
        highlights=tuple(_highlight(h) for h in hit.get("highlights", ())),
    )


def _highlight(body: Mapping[str, Any]) -> Highlight:
    # Array fields answer with `snippets` and one token list per matched element.
    snippet = body.get("snippet") or next(iter(body.get("snippets", ())), "")
    tokens = body.get("matched_tokens", ())
    flat = [t for group in tokens for t in (group if isinstance(group, list) else [group])]
    return Highlight(body["field"], snippet, tuple(flat))


def _facet(body: Mapping[str, Any]) -> FacetCount:
    values = tuple(FacetValue(str(c["value"]), int(c["count"])) for c in body.get("counts", ()))
    return FacetCount(body["field_name"], values)


def encode_documents(
    documents: Sequence[Document],
) -> tuple[list[str], list[str], list[DocumentError]]:
    """JSON lines for the documents that can be sent, their ids, and errors for the others."""
    lines: list[str] = []
    ids: list[str] = []
    errors: list[DocumentError] = []
    for document in documents:
        doc_id = document.get("id")
        if not isinstance(doc_id, str) or not doc_id:
            errors.append(DocumentError(None, "a document needs a non-empty string id"))
            continue
        try:
            lines.append(json.dumps(document, ensure_ascii=False, allow_nan=False))
        except (TypeError, ValueError) as exc:
            errors.append(DocumentError(doc_id, f"not JSON: {exc}"))
            continue
        ids.append(doc_id)
    return lines, ids, errors


def parse_import(answer: str, ids: Sequence[str]) -> UpsertResult:
    """One answer line per sent document, in order: `{"success": true}` or an error."""
    imported = 0
    errors: list[DocumentError] = []
    for doc_id, line in zip(ids, answer.splitlines(), strict=True):
        outcome = json.loads(line)
        if outcome.get("success"):
            imported += 1
        else:
            errors.append(DocumentError(doc_id, str(outcome.get("error", "rejected"))))
    return UpsertResult(imported, tuple(errors))
