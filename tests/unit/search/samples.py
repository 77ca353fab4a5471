"""A small movie collection used by the search tests (unit and integration)."""

from __future__ import annotations

from typing import Any

from revenge_domain.search import CollectionSchema, SearchField, SearchQuery

MOVIES = CollectionSchema(
    name="movies",
    version=1,
    fields=(
        SearchField("title", "string", infix=True),
        SearchField("year", "int32", facet=True, optional=True),
        SearchField("genres", "string[]", facet=True, optional=True),
        SearchField("library_id", "string", facet=True),
        SearchField("has_file", "bool", facet=True, optional=True),
        SearchField("poster_path", "string", optional=True, index=False),
        SearchField("popularity", "float"),
    ),
    default_sorting_field="popularity",
)


def movie(doc_id: str, title: str, year: int, genres: list[str], **extra: Any) -> dict[str, Any]:
    return {
        "id": doc_id,
        "title": title,
        "year": year,
        "genres": genres,
        "library_id": "lib-1",
        "has_file": True,
        "popularity": 1.0,
        **extra,
    }


CATALOG = [
    movie("m1", "Spider-Man", 2002, ["Action", "Adventure"], popularity=9.0),
    movie("m2", "Spider-Man 2", 2004, ["Action"], popularity=8.0),
    movie("m3", "Batman Begins", 2005, ["Action", "Crime"], popularity=7.0),
    movie("m4", "Amélie", 2001, ["Comedy", "Romance"], popularity=5.0, library_id="lib-2"),
    movie("m5", "The Spiderwick Chronicles", 2008, ["Family"], popularity=3.0, has_file=False),
]


def by_title(q: str, **options: Any) -> SearchQuery:
    return SearchQuery(q=q, query_by=("title",), **options)
