"""Our search values in Typesense's words, and its answers in ours (no server needed)."""

import json

from revenge_adapters.search import naming
from revenge_adapters.search.typesense_syntax import (
    collection_body,
    encode_documents,
    parse_import,
    parse_result,
    render_filter,
    search_params,
)
from revenge_domain.search import (
    AllOf,
    AnyOf,
    Between,
    Compare,
    DocumentError,
    Equals,
    Highlight,
    NotEquals,
    OneOf,
    SearchQuery,
    Sort,
)
from tests.unit.search.samples import MOVIES


def test_the_schema_becomes_a_collection_body() -> None:
    body = collection_body(MOVIES, "t_movies_v1_5")
    assert body["name"] == "t_movies_v1_5"
    assert body["default_sorting_field"] == "popularity"
    fields = {f["name"]: f for f in body["fields"]}
    assert fields["title"] == {"name": "title", "type": "string", "infix": True}
    assert fields["year"] == {"name": "year", "type": "int32", "facet": True, "optional": True}
    assert fields["poster_path"] == {
        "name": "poster_path",
        "type": "string",
        "optional": True,
        "index": False,
    }


def test_filters_quote_strings_and_group_nested_parts() -> None:
    permission = OneOf("library_id", ("a", "b"))
    client = AnyOf(
        (
            Equals("has_file", True),
            AllOf((Compare("year", ">=", 2000), NotEquals("genres", "Crime"))),
        )
    )
    assert render_filter(AllOf((permission, client))) == (
        "library_id:=[`a`,`b`] && (has_file:=true || (year:>=2000 && genres:!=`Crime`))"
    )
    assert render_filter(Between("vote_average", 6.5, 10)) == "vote_average:[6.5..10]"
    assert render_filter(Equals("title", "x && y")) == "title:=`x && y`"


def test_search_params_carry_every_option() -> None:
    query = SearchQuery(
        q="spidrman",
        query_by=("title", "overview"),
        filter_by=Equals("year", 2002),
        sort_by=(Sort("_text_match"), Sort("year", descending=False)),
        facet_by=("genres", "year"),
        max_facet_values=5,
        page=2,
        per_page=10,
        prefix=False,
        num_typos=1,
        drop_tokens_threshold=0,
        include_fields=("id", "title"),
    )
    assert search_params(query) == {
        "q": "spidrman",
        "query_by": "title,overview",
        "filter_by": "year:=2002",
        "sort_by": "_text_match:desc,year:asc",
        "facet_by": "genres,year",
        "max_facet_values": 5,
        "page": 2,
        "per_page": 10,
        "prefix": False,
        "num_typos": 1,
        "drop_tokens_threshold": 0,
        "include_fields": "id,title",
    }


ANSWER = {
    "facet_counts": [
        {
            "counts": [{"count": 2, "highlighted": "Action", "value": "Action"}],
            "field_name": "genres",
        },
        {"counts": [{"count": 1, "value": "2002"}], "field_name": "year"},
    ],
    "found": 2,
    "hits": [
        {
            "document": {"id": "m1", "title": "Spider-Man", "genres": ["Action"]},
            "highlights": [
                {
                    "field": "title",
                    "matched_tokens": ["Spider-Man"],
                    "snippet": "<mark>Spider-Man</mark>",
                }
            ],
            "text_match": 578730054645710969,
        },
        {
            "document": {"id": "m2", "title": "Other", "genres": ["Action", "Spies"]},
            "highlights": [
                {
                    "field": "genres",
                    "indices": [1],
                    "matched_tokens": [["Spies"]],
                    "snippets": ["<mark>Spies</mark>"],
                }
            ],
            "text_match": 12,
        },
    ],
    "out_of": 3,
    "page": 1,
    "search_time_ms": 4,
}


def test_an_answer_becomes_a_result() -> None:
    result = parse_result("movies", SearchQuery(q="spi", query_by=("title",), per_page=10), ANSWER)
    assert (result.found, result.page, result.per_page, result.search_time_ms) == (2, 1, 10, 4)
    assert [hit.document["id"] for hit in result.hits] == ["m1", "m2"]
    assert result.hits[0].text_match == 578730054645710969
    assert result.hits[0].highlights == (
        Highlight("title", "<mark>Spider-Man</mark>", ("Spider-Man",)),
    )
    assert result.hits[1].highlights == (Highlight("genres", "<mark>Spies</mark>", ("Spies",)),)
    assert result.counts("genres") == {"Action": 2}
    assert result.counts("year") == {"2002": 1}


def test_documents_without_an_id_or_not_json_are_reported_not_sent() -> None:
    lines, ids, errors = encode_documents(
        [{"id": "a", "t": "é"}, {"t": "no id"}, {"id": "b", "t": {1, 2}}]
    )
    assert lines == [json.dumps({"id": "a", "t": "é"}, ensure_ascii=False)]
    assert ids == ["a"]
    assert errors[0] == DocumentError(None, "a document needs a non-empty string id")
    assert errors[1].id == "b"


def test_import_answers_are_read_line_by_line() -> None:
    answer = "\n".join(
        [
            '{"success": true}',
            '{"success": false, "error": "Field `popularity` is required", "code": 400}',
            '{"success": true}',
        ]
    )
    result = parse_import(answer, ["a", "b", "c"])
    assert result.imported == 2
    assert result.errors == (DocumentError("b", "Field `popularity` is required"),)


def test_physical_names_belong_to_one_logical_collection() -> None:
    name = naming.PhysicalName("movies", 3, 1700000000123456)
    assert name.render("t1_") == "t1_movies_v3_1700000000123456"
    assert naming.parse("t1_", "movies", "t1_movies_v3_1700000000123456") == name
    assert naming.parse("t1_", "movies", "t1_movies_extra_v3_1") is None
    assert naming.parse("t2_", "movies", "t1_movies_v3_1") is None
    assert naming.fresh("movies", 1).stamp < naming.fresh("movies", 1).stamp
