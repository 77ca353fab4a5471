"""SQL shared by the TV adapters: the library filter, column lists and row conversion."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from sqlalchemy import TextClause, bindparam, text
from sqlalchemy.dialects.postgresql import ARRAY, UUID

from revenge_adapters.movies.rows import external_ratings
from revenge_domain.languages import DEFAULT_LANGUAGE
from revenge_domain.libraries import ALL, Readable

T = TypeVar("T")

# Every query that reaches series rows through alias `s` keeps only readable libraries.
READABLE = "(CAST(:all_libraries AS boolean) OR s.library_id = ANY(:libraries))"


def localised(column: str, texts: str) -> str:
    """`column` in the language bound as `:language`, else English, else the original
    language, else the plain column."""
    i18n = f"s.{texts}"
    return (
        f"coalesce({i18n} ->> :language, {i18n} ->> 'en', {i18n} ->> s.original_language,"
        f" s.{column}) AS {column}"
    )


SERIES_COLUMNS = f"""
    s.id, s.library_id, {localised("title", "titles_i18n")}, s.original_language,
    s.total_seasons, s.total_episodes, s.created_at, s.updated_at, s.tmdb_id, s.tvdb_id,
    s.imdb_id, s.sonarr_id, s.original_title, {localised("tagline", "taglines_i18n")},
    {localised("overview", "overviews_i18n")}, s.status, s.type, s.first_air_date, s.last_air_date,
    s.vote_average::float8 AS vote_average, s.vote_count, s.popularity::float8 AS popularity,
    s.poster_path, s.backdrop_path, s.trailer_url, s.homepage, s.external_ratings,
    s.metadata_updated_at
"""
SEASON_COLUMNS = """
    n.id, n.series_id, n.season_number, n.name, n.episode_count, n.created_at, n.updated_at,
    n.tmdb_id, n.overview, n.poster_path, n.air_date, n.vote_average::float8 AS vote_average
"""
EPISODE_COLUMNS = """
    e.id, e.series_id, e.season_id, e.season_number, e.episode_number, e.title, e.created_at,
    e.updated_at, e.tmdb_id, e.tvdb_id, e.imdb_id, e.overview, e.air_date, e.runtime,
    e.vote_average::float8 AS vote_average, e.vote_count, e.still_path, e.production_code
"""
PROGRESS_COLUMNS = """
    w.id, w.user_id, w.episode_id, w.progress_seconds, w.duration_seconds, w.is_completed,
    w.created_at, w.updated_at, w.last_watched_at
"""


def scoped(sql: str) -> TextClause:
    """`sql` with the typed parameters of the READABLE filter."""
    return text(sql).bindparams(
        bindparam("all_libraries"), bindparam("libraries", type_=ARRAY(UUID(as_uuid=True)))
    )


def scope(readable: Readable, **params: Any) -> dict[str, Any]:
    """The bound values of READABLE, the default `:language` of SERIES_COLUMNS, and `params`."""
    if readable is ALL:
        return {"all_libraries": True, "libraries": [], "language": DEFAULT_LANGUAGE, **params}
    libraries = sorted(readable)
    return {"all_libraries": False, "libraries": libraries, "language": DEFAULT_LANGUAGE, **params}


def entity(kind: type[T], row: Mapping[str, Any]) -> T:
    if "external_ratings" in row:
        return kind(**{**row, "external_ratings": external_ratings(row["external_ratings"])})
    return kind(**row)
