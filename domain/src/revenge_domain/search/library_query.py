"""What one caller asks of one collection, and what they may see of it: the engine query.

Client text (query, filter, sort, facets) is read and checked here; the library filter comes
from the caller's readable libraries and is joined to whatever the client asked, so a client
filter can narrow a search but never widen it.
"""

from __future__ import annotations

import attrs

from revenge_domain.errors import InvalidInput
from revenge_domain.libraries import ALL, Readable
from revenge_domain.search.catalog import SearchCollection
from revenge_domain.search.client_filter import (
    ClientFields,
    parse_facets,
    parse_filter,
    parse_sort,
)
from revenge_domain.search.filters import Filter, OneOf, all_of
from revenge_domain.search.query import TEXT_MATCH, SearchQuery, Sort


def search_text(q: str) -> str:
    text = q.strip()
    if not text:
        raise InvalidInput("q must not be blank", {"field": "q"})
    return text


def client_fields(collection: SearchCollection) -> ClientFields:
    hidden = frozenset({collection.library_field} if collection.library_field else ())
    return ClientFields(collection.schema, hidden)


@attrs.frozen
class Scope:
    """What one caller may see of one collection: the filter every query gets, and the part of
    cache keys that keeps callers with other access apart."""

    readable: Readable
    key: str

    @property
    def nothing(self) -> bool:
        return self.readable is not ALL and not self.readable

    def filter_for(self, collection: SearchCollection) -> Filter | None:
        if self.readable is ALL or collection.library_field is None:
            return None
        return OneOf(collection.library_field, tuple(sorted(str(i) for i in self.readable)))


@attrs.frozen
class ClientQuery:
    """A collection search as the client asked for it, already checked."""

    text: str
    page: int
    per_page: int
    filter_by: Filter | None = None
    sort_by: tuple[Sort, ...] = ()
    facet_by: tuple[str, ...] = ()

    @classmethod
    def read(
        cls,
        collection: SearchCollection,
        q: str,
        page: int,
        per_page: int,
        filter_by: str | None = None,
        sort_by: str | None = None,
        facet_by: str | None = None,
    ) -> ClientQuery:
        fields = client_fields(collection)
        return cls(
            search_text(q),
            page,
            per_page,
            parse_filter(filter_by, fields) if filter_by else None,
            parse_sort(sort_by, fields) if sort_by else (),
            parse_facets(facet_by, fields) if facet_by else collection.default_facets,
        )


def engine_query(collection: SearchCollection, scope: Scope, asked: ClientQuery) -> SearchQuery:
    """The engine query of a client's search: the library filter always, best match first
    unless the client sorts."""
    return SearchQuery(
        q=asked.text,
        query_by=collection.query_by,
        filter_by=all_of(scope.filter_for(collection), asked.filter_by),
        sort_by=asked.sort_by or (Sort(TEXT_MATCH), collection.default_sort),
        facet_by=asked.facet_by,
        page=asked.page,
        per_page=asked.per_page,
    )
