import pytest

from revenge_domain.search import CollectionSchema, SearchField
from tests.unit.search.samples import MOVIES


def test_a_schema_finds_its_fields_by_name() -> None:
    assert MOVIES.field("year") == SearchField("year", "int32", facet=True, optional=True)
    assert MOVIES.field("nope") is None


@pytest.mark.parametrize("name", ["Movies", "1movies", "mo-vies", ""])
def test_collection_names_are_lowercase_words(name: str) -> None:
    with pytest.raises(ValueError, match="bad collection name"):
        CollectionSchema(name, 1, (SearchField("title", "string"),))


def test_versions_start_at_one() -> None:
    with pytest.raises(ValueError, match="version"):
        CollectionSchema("movies", 0, (SearchField("title", "string"),))


def test_a_field_is_declared_once() -> None:
    with pytest.raises(ValueError, match="twice"):
        CollectionSchema(
            "movies", 1, (SearchField("title", "string"), SearchField("title", "string"))
        )


@pytest.mark.parametrize(
    "sort_field",
    [
        SearchField("rank", "string"),
        SearchField("rank", "float", optional=True),
    ],
)
def test_the_default_sorting_field_is_a_required_number(sort_field: SearchField) -> None:
    with pytest.raises(ValueError, match="default sorting field"):
        CollectionSchema("movies", 1, (sort_field,), default_sorting_field="rank")


def test_the_default_sorting_field_must_exist() -> None:
    with pytest.raises(ValueError, match="default sorting field"):
        CollectionSchema("movies", 1, (SearchField("title", "string"),), default_sorting_field="x")


def test_a_field_that_is_not_indexed_must_be_optional() -> None:
    with pytest.raises(ValueError, match="optional"):
        SearchField("poster_path", "string", index=False)


def test_id_is_implicit() -> None:
    with pytest.raises(ValueError, match="id"):
        SearchField("id", "string")
