"""The six catalogue collections: their schemas and the defaults searches use.

Dates are Unix seconds. Every document a library owns carries `library_id`; a person carries the
`library_ids` of every library one of their credits is in, so one filter on the caller's readable
libraries covers every collection but `users` (admins only). A person is found by name only: the
titles they are known for may be in libraries the caller cannot read.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from revenge_domain.search.query import Sort
from revenge_domain.search.schema import CollectionSchema, FieldType, SearchField


def _field(name: str, type_: FieldType, flags: str = "", *, index: bool = True) -> SearchField:
    """`flags`: F facet, S sortable, O optional, I infix (the reference's letters)."""
    return SearchField(
        name,
        type_,
        facet="F" in flags,
        optional="O" in flags,
        sort=True if "S" in flags else None,
        index=index,
        infix="I" in flags,
    )


def _stored(name: str) -> SearchField:
    """Shown in results, never searched, filtered or sorted."""
    return SearchField(name, "string", optional=True, index=False)


def _stored_list(name: str) -> SearchField:
    return SearchField(name, "string[]", optional=True, index=False)


def _timestamps() -> tuple[SearchField, ...]:
    return (
        SearchField("created_at", "int64", optional=True, index=False),
        SearchField("updated_at", "int64", optional=True, index=False),
    )


def _names(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen
class SearchCollection:
    """A collection's schema and how it is searched when the caller asks for nothing else.

    `library_field` is the field holding the owning library (a string, or a string[] for
    people); None for `users`, which no library owns.
    """

    schema: CollectionSchema
    query_by: tuple[str, ...] = attrs.field(converter=_names)
    default_sort: Sort
    default_facets: tuple[str, ...] = attrs.field(converter=_names)
    autocomplete_query_by: tuple[str, ...] = attrs.field(converter=_names)
    library_field: str | None = "library_id"

    @property
    def name(self) -> str:
        return self.schema.name


MOVIES = SearchCollection(
    schema=CollectionSchema(
        "movies",
        version=2,
        fields=(
            _field("library_id", "string", "F"),
            _field("tmdb_id", "int32", "O"),
            _field("imdb_id", "string", "O"),
            _field("title", "string", "SI"),
            _field("original_title", "string", "IO"),
            _field("year", "int32", "FO"),
            _field("release_date", "int64", "SO"),
            _field("runtime", "int32", "O"),
            _field("overview", "string", "O"),
            _stored("tagline"),
            _field("status", "string", "FO"),
            _field("original_language", "string", "FO"),
            _stored("poster_path"),
            _stored("backdrop_path"),
            _field("vote_average", "float", "SO"),
            _field("vote_count", "int32", "O"),
            _field("popularity", "float", "S"),
            _field("genres", "string[]", "FO"),
            _field("genre_slugs", "string[]", "FO"),
            _field("cast", "string[]", "O"),
            _field("directors", "string[]", "FO"),
            _field("has_file", "bool", "FO"),
            _field("resolution", "string", "FO"),
            _field("quality_profile", "string", "FO"),
            _field("library_added_at", "int64", "SO"),
            *_timestamps(),
        ),
        default_sorting_field="popularity",
    ),
    query_by=("title", "original_title", "overview", "cast", "directors"),
    default_sort=Sort("popularity"),
    default_facets=("genres", "year", "status", "directors", "resolution", "has_file"),
    autocomplete_query_by=("title", "original_title"),
)

TVSHOWS = SearchCollection(
    schema=CollectionSchema(
        "tvshows",
        version=2,
        fields=(
            _field("library_id", "string", "F"),
            _field("tmdb_id", "int32", "O"),
            _field("tvdb_id", "int32", "O"),
            _field("imdb_id", "string", "O"),
            _field("title", "string", "SI"),
            _field("original_title", "string", "IO"),
            _field("year", "int32", "FO"),
            _field("first_air_date", "int64", "SO"),
            _field("overview", "string", "O"),
            _field("status", "string", "FO"),
            _field("type", "string", "FO"),
            _field("original_language", "string", "FO"),
            _stored("poster_path"),
            _stored("backdrop_path"),
            _field("vote_average", "float", "SO"),
            _field("vote_count", "int32", "O"),
            _field("popularity", "float", "S"),
            _field("genres", "string[]", "FO"),
            _field("genre_slugs", "string[]", "FO"),
            _field("cast", "string[]", "O"),
            _field("networks", "string[]", "FO"),
            _field("total_seasons", "int32", "O"),
            _field("total_episodes", "int32", "SO"),
            _field("has_file", "bool", "FO"),
            *_timestamps(),
        ),
        default_sorting_field="popularity",
    ),
    query_by=("title", "original_title", "overview", "cast", "networks"),
    default_sort=Sort("popularity"),
    default_facets=("genres", "year", "status", "type", "networks", "has_file"),
    autocomplete_query_by=("title", "original_title"),
)

SEASONS = SearchCollection(
    schema=CollectionSchema(
        "seasons",
        version=1,
        fields=(
            _field("library_id", "string", "F"),
            _field("series_id", "string"),
            _field("tmdb_id", "int32", "O"),
            _field("season_number", "int32", "F"),
            _field("name", "string", "I"),
            _field("overview", "string", "O"),
            _field("air_date", "int64", "S"),
            _field("episode_count", "int32", "S"),
            _field("vote_average", "float", "SO"),
            _stored("poster_path"),
            _field("series_title", "string", "I"),
            _stored("series_poster_path"),
            *_timestamps(),
        ),
        default_sorting_field="air_date",
    ),
    query_by=("name", "overview", "series_title"),
    default_sort=Sort("air_date"),
    default_facets=("season_number",),
    autocomplete_query_by=("name", "series_title"),
)

EPISODES = SearchCollection(
    schema=CollectionSchema(
        "episodes",
        version=1,
        fields=(
            _field("library_id", "string", "F"),
            _field("series_id", "string"),
            _field("season_id", "string"),
            _field("tmdb_id", "int32", "O"),
            _field("tvdb_id", "int32", "O"),
            _field("imdb_id", "string", "O"),
            _field("season_number", "int32", "F"),
            _field("episode_number", "int32"),
            _field("title", "string", "I"),
            _field("overview", "string", "O"),
            _field("air_date", "int64", "S"),
            _field("runtime", "int32", "O"),
            _field("vote_average", "float", "SO"),
            _field("vote_count", "int32", "O"),
            _stored("still_path"),
            _field("has_file", "bool", "F"),
            _field("series_title", "string", "I"),
            _stored("series_poster_path"),
            *_timestamps(),
        ),
        default_sorting_field="air_date",
    ),
    query_by=("title", "overview", "series_title"),
    default_sort=Sort("air_date"),
    default_facets=("season_number", "has_file"),
    autocomplete_query_by=("title", "series_title"),
)

PEOPLE = SearchCollection(
    schema=CollectionSchema(
        "people",
        version=2,
        fields=(
            _field("library_ids", "string[]", "F"),
            _field("tmdb_id", "int32", "O"),
            _field("name", "string", "I"),
            _stored("profile_path"),
            # `<library id>:<title>` and `<library id>:<character>`: never searched, and shown
            # only for the libraries the caller may read (see `answers.document_view`).
            _stored_list("library_known_for"),
            _stored_list("library_characters"),
            _field("departments", "string[]", "FO"),
            _field("movie_count", "int32", "S"),
            _field("tvshow_count", "int32", "S"),
            _field("total_credits", "int32", "S"),
        ),
        default_sorting_field="total_credits",
    ),
    query_by=("name",),
    default_sort=Sort("total_credits"),
    default_facets=("departments",),
    autocomplete_query_by=("name",),
    library_field="library_ids",
)

USERS = SearchCollection(
    schema=CollectionSchema(
        "users",
        version=1,
        fields=(
            _field("username", "string", "I"),
            _field("email", "string", "I"),
            _field("display_name", "string", "IO"),
            SearchField("avatar_url", "string", optional=True, index=False),
            _field("is_active", "bool", "F"),
            _field("is_admin", "bool", "F"),
            _field("created_at", "int64", "S"),
            _field("last_login_at", "int64", "SO"),
        ),
        default_sorting_field="created_at",
    ),
    query_by=("username", "email", "display_name"),
    default_sort=Sort("created_at"),
    default_facets=("is_active", "is_admin"),
    autocomplete_query_by=("username", "display_name"),
    library_field=None,
)

COLLECTIONS: tuple[SearchCollection, ...] = (MOVIES, TVSHOWS, SEASONS, EPISODES, PEOPLE, USERS)
BY_NAME = {collection.name: collection for collection in COLLECTIONS}


def collection(name: str) -> SearchCollection:
    """The collection called `name`; KeyError for any other name."""
    return BY_NAME[name]
