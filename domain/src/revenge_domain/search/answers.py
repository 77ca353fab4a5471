"""The JSON shapes search endpoints answer, from engine results or from the database fallback.

`{hits, total_hits, total_pages, current_page, search_time_ms, facets}` for a collection search,
`{suggestions}` for autocomplete, facet lists by name for the facet endpoints, and one group per
collection plus a merged `top` list for the multi-search.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import attrs

from revenge_domain.libraries import ALL, Readable
from revenge_domain.search.query import SearchResult

Record = dict[str, Any]
# Stored as Unix seconds; the contract shows these as dates.
_DATE_FIELDS = ("release_date", "first_air_date")
# Which name a facet field has in the facet endpoints' answer.
FACET_NAMES = {"year": "years"}
# A person's titles and characters are stored per library as `<library id>:<value>`, best
# first; an answer shows, under the second name, those of the libraries the caller may read.
PER_LIBRARY = {"library_known_for": "known_for", "library_characters": "characters"}
KNOWN_FOR_SHOWN = 5


class Backend(enum.Enum):
    TYPESENSE = "typesense"
    POSTGRES = "postgres"


@attrs.frozen
class Answer:
    """An endpoint's JSON body and the backend that produced it."""

    body: Record
    backend: Backend = Backend.TYPESENSE

    def to_json(self) -> Record:
        return {"body": self.body, "backend": self.backend.value}

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> Answer:
        return cls(dict(value["body"]), Backend(value["backend"]))


@attrs.frozen
class FallbackPage:
    """Documents found by the database fallback, shaped like the index's, and their total."""

    documents: list[Record]
    total: int
    facets: dict[str, list[Record]] = attrs.field(factory=dict)


def document_view(document: Mapping[str, Any], readable: Readable) -> Record:
    """The document as the caller may see it: dates as dates, and of a person only the titles,
    characters and libraries of libraries the caller may read."""
    view = dict(document)
    for name in _DATE_FIELDS:
        value = view.get(name)
        if isinstance(value, int) and not isinstance(value, bool):
            view[name] = datetime.fromtimestamp(value, UTC).date().isoformat()
    for stored, shown in PER_LIBRARY.items():
        entries = view.pop(stored, None)
        if entries is not None or shown in view:  # one indexed without libraries shows none
            view[shown] = _readable_values(entries or [], readable)
    if "known_for" in view:
        view["known_for"] = view["known_for"][:KNOWN_FOR_SHOWN]
    if isinstance(view.get("library_ids"), list) and readable is not ALL:
        view["library_ids"] = [i for i in view["library_ids"] if _readable(i, readable)]
    return view


def _readable(library_id: str, readable: Readable) -> bool:
    return readable is ALL or library_id in {str(i) for i in readable}


def _readable_values(entries: Iterable[str], readable: Readable) -> list[str]:
    """The distinct values, in order, of the `<library id>:<value>` entries the caller may read."""
    pairs = (entry.partition(":") for entry in entries)
    return list(dict.fromkeys(value for library, _, value in pairs if _readable(library, readable)))


def hit_views(result: SearchResult, readable: Readable) -> list[Record]:
    return [
        {
            "document": document_view(hit.document, readable),
            "score": hit.text_match,
            "highlights": {h.field: [h.snippet] for h in hit.highlights},
        }
        for hit in result.hits
    ]


def facet_views(result: SearchResult) -> dict[str, list[Record]]:
    return {
        facet.field: [{"value": v.value, "count": v.count} for v in facet.values]
        for facet in result.facets
    }


def results(result: SearchResult, readable: Readable) -> Record:
    return {
        "hits": hit_views(result, readable),
        "total_hits": result.found,
        "total_pages": result.total_pages,
        "current_page": result.page,
        "search_time_ms": result.search_time_ms,
        "facets": facet_views(result),
    }


def empty_results(page: int) -> Record:
    return {
        "hits": [],
        "total_hits": 0,
        "total_pages": 0,
        "current_page": page,
        "search_time_ms": 0,
        "facets": {},
    }


def fallback_results(
    found: FallbackPage, page: int, per_page: int, took_ms: int, readable: Readable
) -> Record:
    return {
        "hits": [
            {"document": document_view(d, readable), "score": 0, "highlights": {}}
            for d in found.documents
        ],
        "total_hits": found.total,
        "total_pages": math.ceil(found.total / per_page),
        "current_page": page,
        "search_time_ms": took_ms,
        "facets": found.facets,
    }


def suggestions(documents: Iterable[Mapping[str, Any]], field: str) -> Record:
    """Distinct values of `field` in order (two hits of one title suggest it once)."""
    found = (str(d[field]) for d in documents if d.get(field))
    return {"suggestions": list(dict.fromkeys(found))}


def facet_lists(facets: Mapping[str, list[Record]], names: Sequence[str]) -> Record:
    """Every asked facet under its answer name; a facet nothing has is an empty list."""
    return {FACET_NAMES.get(name, name): facets.get(name, []) for name in names}


def group(body: Record, full: bool) -> Record:
    """A multi-search group: the full result shape for movies and TV, hits and total otherwise."""
    return body if full else {"hits": body["hits"], "total_hits": body["total_hits"]}


def top_hits(groups: Mapping[str, Record], limit: int) -> list[Record]:
    """The best hits of every group by text match, the collection's name on each; ties keep
    the groups' order."""
    merged = [{"collection": name, **hit} for name, body in groups.items() for hit in body["hits"]]
    merged.sort(key=lambda hit: hit["score"], reverse=True)
    return merged[:limit]
