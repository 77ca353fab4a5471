"""What search endpoints answer, from engine results or from the database fallback: a page of
hits (`Results`), autocomplete `Suggestions`, facet counts by field (`FacetLists`), and the
multi-search's results per collection with the best hits of all (`MultiResults`).

A hit's document is the indexed document as the caller may see it: of a person, only the
titles, characters and libraries of libraries the caller may read.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Generic, TypeVar

import attrs

from revenge_domain.libraries import ALL, Readable
from revenge_domain.search.query import FacetValue, SearchResult

B = TypeVar("B")
Facets = dict[str, list[FacetValue]]
# A person's titles and characters are stored per library as `<library id>:<value>`, best
# first; an answer shows, under the second name, those of the libraries the caller may read.
PER_LIBRARY = {"library_known_for": "known_for", "library_characters": "characters"}
KNOWN_FOR_SHOWN = 5


class Backend(enum.Enum):
    TYPESENSE = "typesense"
    POSTGRES = "postgres"


@attrs.frozen
class Answer(Generic[B]):
    """An endpoint's answer and the backend that produced it."""

    body: B
    backend: Backend = Backend.TYPESENSE


@attrs.frozen
class FallbackPage:
    """Documents found by the database fallback, shaped like the index's, and their total."""

    documents: list[dict[str, Any]]
    total: int
    facets: Facets = attrs.field(factory=dict)


@attrs.frozen
class Hit:
    document: dict[str, Any]
    score: int = 0
    highlights: dict[str, list[str]] = attrs.field(factory=dict)


@attrs.frozen
class Results:
    """One page of hits, how many there are in all, and the facet counts asked for."""

    hits: list[Hit]
    total_hits: int
    total_pages: int
    current_page: int
    search_time_ms: int
    facets: Facets


@attrs.frozen
class Suggestions:
    suggestions: list[str]


@attrs.frozen
class FacetLists:
    """Facet counts by field; a field nothing has is an empty list."""

    counts: Facets


@attrs.frozen
class TopHit:
    """One of the best hits of a multi-search, with the collection it comes from."""

    collection: str
    document: dict[str, Any]
    score: int
    highlights: dict[str, list[str]]


@attrs.frozen
class MultiResults:
    """Every collection's results, in the order searched, and the best hits of all."""

    groups: dict[str, Results]
    top: list[TopHit]


def document_view(document: Mapping[str, Any], readable: Readable) -> dict[str, Any]:
    """The document as the caller may see it: of a person only the titles, characters and
    libraries of libraries the caller may read."""
    view = dict(document)
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


def hits(result: SearchResult, readable: Readable) -> list[Hit]:
    return [
        Hit(
            document_view(hit.document, readable),
            hit.text_match,
            {h.field: [h.snippet] for h in hit.highlights},
        )
        for hit in result.hits
    ]


def facets(result: SearchResult) -> Facets:
    return {facet.field: list(facet.values) for facet in result.facets}


def results(result: SearchResult, readable: Readable) -> Results:
    return Results(
        hits=hits(result, readable),
        total_hits=result.found,
        total_pages=result.total_pages,
        current_page=result.page,
        search_time_ms=result.search_time_ms,
        facets=facets(result),
    )


def empty_results(page: int) -> Results:
    return Results(
        hits=[], total_hits=0, total_pages=0, current_page=page, search_time_ms=0, facets={}
    )


def fallback_results(
    found: FallbackPage, page: int, per_page: int, took_ms: int, readable: Readable
) -> Results:
    return Results(
        hits=[Hit(document_view(d, readable)) for d in found.documents],
        total_hits=found.total,
        total_pages=math.ceil(found.total / per_page),
        current_page=page,
        search_time_ms=took_ms,
        facets=found.facets,
    )


def suggestions(documents: Iterable[Mapping[str, Any]], field: str) -> Suggestions:
    """Distinct values of `field` in order (two hits of one title suggest it once)."""
    found = (str(d[field]) for d in documents if d.get(field))
    return Suggestions(list(dict.fromkeys(found)))


def facet_lists(counts: Facets, names: Sequence[str]) -> FacetLists:
    """Every asked facet; a facet nothing has is an empty list."""
    return FacetLists({name: counts.get(name, []) for name in names})


def multi_results(groups: dict[str, Results], limit: int) -> MultiResults:
    """The groups and their best hits by text match, the collection's name on each; ties keep
    the groups' order."""
    merged = [
        TopHit(name, hit.document, hit.score, hit.highlights)
        for name, group in groups.items()
        for hit in group.hits
    ]
    merged.sort(key=lambda hit: hit.score, reverse=True)
    return MultiResults(groups, merged[:limit])
