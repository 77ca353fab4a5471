"""SQL fragments and row conversion shared by the movie adapters."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, TypeVar, cast

import attrs
from sqlalchemy import ARRAY, TextClause, Uuid, bindparam, text

from revenge_domain.languages import DEFAULT_LANGUAGE
from revenge_domain.libraries import ALL, Readable
from revenge_domain.ratings import ExternalRating

T = TypeVar("T")


def localised(column: str, texts: str, alias: str = "m") -> str:
    """`column` in the language bound as `:language`, else English, else the original
    language, else the plain column."""
    i18n = f"{alias}.{texts}"
    return (
        f"coalesce({i18n} ->> :language, {i18n} ->> 'en', {i18n} ->> {alias}.original_language,"
        f" {alias}.{column}) AS {column}"
    )


TITLE = localised("title", "titles_i18n")
OVERVIEW = localised("overview", "overviews_i18n")
TAGLINE = localised("tagline", "taglines_i18n")

MOVIE_COLUMNS = f"""
    m.id, m.tmdb_id, m.imdb_id, {TITLE}, m.original_title, m.year, m.release_date, m.runtime,
    {OVERVIEW}, {TAGLINE}, m.status, m.original_language, m.poster_path, m.backdrop_path,
    m.trailer_url, m.vote_average, m.vote_count, m.popularity, m.budget, m.revenue,
    m.library_added_at, m.metadata_updated_at, m.radarr_id, m.external_ratings, m.created_at,
    m.updated_at
"""

FILE_COLUMNS = """
    f.id, f.movie_id, f.file_path, f.file_size, f.file_name, f.resolution, f.quality_profile,
    f.video_codec, f.audio_codec, f.container, f.duration_seconds, f.bitrate_kbps, f.framerate,
    f.dynamic_range, f.color_space, f.audio_channels,
    coalesce(f.audio_languages, '{}') AS audio_languages,
    coalesce(f.subtitle_languages, '{}') AS subtitle_languages,
    f.radarr_file_id, f.last_scanned_at, f.is_monitored, f.created_at, f.updated_at
"""

WATCH_COLUMNS = """
    w.progress_seconds, w.duration_seconds, round(w.progress_percent)::int AS progress_percent,
    w.is_completed, w.watch_count, w.last_watched_at
"""


def visible(readable: Readable, alias: str = "m") -> str:
    """The WHERE condition keeping live movies of readable libraries (binds `:libraries`)."""
    live = f"{alias}.deleted_at IS NULL"
    if readable is ALL:
        return live
    return f"{live} AND {alias}.library_id = ANY(:libraries)"


def statement(sql: str, readable: Readable) -> TextClause:
    clause = text(sql)
    if readable is ALL:
        return clause
    return clause.bindparams(bindparam("libraries", type_=ARRAY(Uuid)))


def libraries_of(readable: Readable) -> dict[str, Any]:
    """The bound values of `visible`, and the default `:language` of `MOVIE_COLUMNS`."""
    if readable is ALL:
        return {"language": DEFAULT_LANGUAGE}
    return {"libraries": sorted(readable), "language": DEFAULT_LANGUAGE}


_FIELDS: dict[type[Any], tuple[str, ...]] = {}


def _field_names(kind: type[Any]) -> tuple[str, ...]:
    names = _FIELDS.get(kind)
    if names is None:
        names = _FIELDS[kind] = tuple(field.name for field in attrs.fields(kind))
    return names


def external_ratings(stored: Iterable[Mapping[str, Any]]) -> tuple[ExternalRating, ...]:
    """The `external_ratings` JSONB column's entries."""
    return tuple(ExternalRating(r["source"], r["value"], r["score"]) for r in stored)


def _plain(name: str, value: object) -> object:
    if name == "external_ratings":
        return external_ratings(cast("Iterable[Mapping[str, Any]]", value))
    return float(value) if isinstance(value, Decimal) else value


def read(kind: type[T], row: Mapping[Any, Any], **extra: object) -> T:
    """The read model `kind` of a row: its columns of the model's field names (and `extra`)."""
    values = {name: _plain(name, row[name]) for name in _field_names(kind) if name in row}
    return kind(**values, **extra)
