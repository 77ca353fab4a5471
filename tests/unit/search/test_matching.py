"""Structured filters decided on a document, as the engine decides them."""

from __future__ import annotations

import pytest

from revenge_domain.search import AllOf, AnyOf, Between, Compare, Equals, NotEquals, OneOf
from revenge_domain.search.filters import Filter
from revenge_domain.search.matching import count_facets, passes
from revenge_domain.search.query import FacetValue

DOCUMENT = {"year": 2002, "genres": ["Action", "Drama"], "has_file": True, "title": "Spider-Man"}


@pytest.mark.parametrize(
    ("filter_", "expected"),
    [
        (Equals("genres", "Drama"), True),
        (Equals("genres", "Horror"), False),
        (NotEquals("genres", "Horror"), True),
        (NotEquals("has_file", True), False),
        (OneOf("genres", ("Horror", "Action")), True),
        (OneOf("title", ("Batman",)), False),
        (Compare("year", ">", 2001), True),
        (Compare("year", "<=", 2001), False),
        (Compare("title", ">", 1), False),
        (Between("year", 2000, 2002), True),
        (Between("year", 2003, 2009), False),
        (Equals("missing", "x"), False),
        (AllOf((Equals("has_file", True), Compare("year", ">=", 2002))), True),
        (AllOf((Equals("has_file", True), Compare("year", ">", 2002))), False),
        (AnyOf((Equals("genres", "Horror"), Compare("year", "<", 2003))), True),
    ],
)
def test_passes_as_the_engine_would(filter_: Filter, expected: bool) -> None:
    assert passes(filter_, DOCUMENT) is expected


def test_facets_count_a_document_once_per_value_most_frequent_first() -> None:
    documents = [
        {"genres": ["Drama", "Drama", "Crime"], "has_file": True},
        {"genres": ["Crime"], "has_file": False},
        {"genres": ["Action"], "has_file": True},
    ]
    assert count_facets(documents, ["genres", "has_file", "year"], 2) == {
        "genres": [FacetValue("Crime", 2), FacetValue("Action", 1)],
        "has_file": [FacetValue("true", 2), FacetValue("false", 1)],
        "year": [],
    }
