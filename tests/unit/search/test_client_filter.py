"""Client filter, sort and facet text: read into structured values over allowed fields only."""

from __future__ import annotations

import pytest

from revenge_adapters.search.typesense_syntax import render_filter
from revenge_domain.errors import InvalidInput
from revenge_domain.search import AllOf, AnyOf, Between, Compare, Equals, NotEquals, OneOf, Sort
from revenge_domain.search.catalog import MOVIES, PEOPLE
from revenge_domain.search.client_filter import parse_facets, parse_filter, parse_sort
from revenge_domain.search.library_query import client_fields

FIELDS = client_fields(MOVIES)


def refused(text: str) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        parse_filter(text, FIELDS)
    return caught.value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("genres:=Action", Equals("genres", "Action")),
        ("genres:Action", Equals("genres", "Action")),
        ("year:>=2020", Compare("year", ">=", 2020)),
        ("vote_average:<7.5", Compare("vote_average", "<", 7.5)),
        ("has_file:=true", Equals("has_file", True)),
        ("status:=Returning Series", Equals("status", "Returning Series")),
        ("status:!=`Ended && x`", NotEquals("status", "Ended && x")),
        ("genres:=[Action, `Science Fiction`]", OneOf("genres", ("Action", "Science Fiction"))),
        ("year:[1990..1999]", Between("year", 1990, 1999)),
        (
            "genres:!=[Drama,Horror]",
            AllOf((NotEquals("genres", "Drama"), NotEquals("genres", "Horror"))),
        ),
        (
            "has_file:=true && genres:=Action",
            AllOf((Equals("has_file", True), Equals("genres", "Action"))),
        ),
        (
            "year:>2000 || year:<1950 && has_file:=true",
            AnyOf(
                (
                    Compare("year", ">", 2000),
                    AllOf((Compare("year", "<", 1950), Equals("has_file", True))),
                )
            ),
        ),
        (
            "(year:>2000 || year:<1950) && has_file:=true",
            AllOf(
                (
                    AnyOf((Compare("year", ">", 2000), Compare("year", "<", 1950))),
                    Equals("has_file", True),
                )
            ),
        ),
    ],
)
def test_reads_the_filter_syntax_clients_use(text: str, expected: object) -> None:
    assert parse_filter(text, FIELDS) == expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("nope:=1", "nope"),
        ("library_id:=abc", "library_id"),
        ("genres:=Action || library_id:=abc", "library_id"),
        ("(library_id:=[a,b])", "library_id"),
        ("poster_path:=x", "poster_path"),
        ("year:=soon", "year"),
        ("has_file:=yes", "has_file"),
        ("genres:>3", "genres"),
        ("title:=a`b", "title"),
    ],
)
def test_a_bad_or_hidden_field_or_value_is_refused_by_name(text: str, name: str) -> None:
    error = refused(text)
    assert error.details == {"field": "filter_by", "name": name}
    assert repr(name) in error.message


@pytest.mark.parametrize(
    "text",
    [
        "genres:=Action)",
        "(genres:=Action",
        "genres:=Action ||",
        "genres:=`Action",
        "&& genres:=Action",
        "genres:=[Action",
        "((((((year:>1))))))",
        " || ".join(["year:>1"] * 21),
        "genres",
    ],
)
def test_broken_or_oversized_text_is_refused(text: str) -> None:
    error = refused(text)
    assert error.details["field"] == "filter_by"


def test_no_client_text_reaches_the_engine_unquoted() -> None:
    """Whatever a client writes, the rendered filter holds only checked fields and quoted
    strings, so it cannot open a group that would escape the permission filter."""
    parsed = parse_filter("genres:=`Action) || (library_id:=x`", FIELDS)
    assert render_filter(parsed) == "genres:=`Action) || (library_id:=x`"
    with pytest.raises(InvalidInput):
        parse_filter("status:=a || b:=c", FIELDS)


def test_people_cannot_name_their_libraries_either() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_filter("library_ids:=[x]", client_fields(PEOPLE))
    assert caught.value.details["name"] == "library_ids"


def test_sorts_on_sortable_fields_only() -> None:
    assert parse_sort("popularity:desc, year:asc", FIELDS) == (
        Sort("popularity"),
        Sort("year", descending=False),
    )
    assert parse_sort("_text_match:desc", FIELDS) == (Sort("_text_match"),)
    for text, name in [
        ("overview:asc", "overview"),
        ("library_id:asc", "library_id"),
        ("nope:desc", "nope"),
        ("year:sideways", "year"),
    ]:
        with pytest.raises(InvalidInput) as caught:
            parse_sort(text, FIELDS)
        assert caught.value.details == {"field": "sort_by", "name": name}
    with pytest.raises(InvalidInput):
        parse_sort("year:asc,popularity:asc,vote_average:asc,release_date:asc", FIELDS)


def test_facets_on_facet_fields_only() -> None:
    assert parse_facets("genres, year,genres", FIELDS) == ("genres", "year")
    for text in ("overview", "library_id", "nope"):
        with pytest.raises(InvalidInput) as caught:
            parse_facets(text, FIELDS)
        assert caught.value.details == {"field": "facet_by", "name": text}
