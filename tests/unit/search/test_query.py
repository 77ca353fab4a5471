import math

import pytest

from revenge_domain.errors import InvalidInput
from revenge_domain.search import (
    AllOf,
    AnyOf,
    Between,
    Compare,
    Equals,
    FacetCount,
    FacetValue,
    OneOf,
    SearchQuery,
    SearchResult,
    Sort,
    all_of,
)


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"page": 0}, "page"),
        ({"per_page": 0}, "per_page"),
        ({"per_page": 251}, "per_page"),
        ({"num_typos": 3}, "num_typos"),
        ({"sort_by": (Sort("a"), Sort("b"), Sort("c"), Sort("d"))}, "sort_by"),
    ],
)
def test_out_of_range_query_options_name_the_option(options: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        SearchQuery(query_by=("title",), **options)  # type: ignore[arg-type]
    assert caught.value.details == {"field": field}


def test_a_query_searches_at_least_one_field() -> None:
    with pytest.raises(ValueError, match="query_by"):
        SearchQuery(query_by=())


def test_filter_values_with_a_backtick_are_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        Equals("title", "x` || library_id:=`other")
    assert caught.value.details == {"field": "title"}


@pytest.mark.parametrize("value", [math.nan, math.inf])
def test_filter_numbers_must_be_finite(value: float) -> None:
    with pytest.raises(InvalidInput):
        Compare("year", ">", value)
    with pytest.raises(InvalidInput):
        Between("year", 0, value)


@pytest.mark.parametrize("field", ["", "a b", "year:>1", "(x)"])
def test_filter_fields_are_plain_names(field: str) -> None:
    with pytest.raises(InvalidInput):
        Equals(field, 1)


def test_one_of_needs_a_value_and_groups_need_a_part() -> None:
    with pytest.raises(InvalidInput):
        OneOf("library_id", ())
    with pytest.raises(InvalidInput):
        AllOf(())
    with pytest.raises(InvalidInput):
        AnyOf(())


def test_all_of_skips_missing_filters() -> None:
    mine = OneOf("library_id", ("a",))
    theirs = Equals("year", 2002)
    assert all_of(None, None) is None
    assert all_of(mine, None) == mine
    assert all_of(mine, theirs) == AllOf((mine, theirs))


def test_result_pages_and_facet_counts() -> None:
    facets = (FacetCount("year", (FacetValue("2002", 3), FacetValue("2004", 1))),)
    result = SearchResult("movies", (), found=41, page=1, per_page=20, facets=facets)
    assert result.total_pages == 3
    assert result.counts("year") == {"2002": 3, "2004": 1}
    assert result.counts("genres") == {}
