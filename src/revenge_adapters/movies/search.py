"""Title search on PostgreSQL's built-in full-text search and ILIKE (no extensions): a title
matches by whole word, by a prefix of the last word typed, or as a substring."""

# Queries are assembled from constant fragments of this module; every value is a bound parameter.
# ruff: noqa: S608

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.movies.catalog import nothing_readable
from revenge_adapters.movies.rows import MOVIE_COLUMNS, libraries_of, record, statement, visible
from revenge_domain.libraries import Readable
from revenge_domain.movies import Record


def title_document(alias: str) -> str:
    """The searched text of a row; migration 0014 indexes exactly this expression."""
    return f"to_tsvector('simple', {alias}.title || ' ' || coalesce({alias}.original_title, ''))"


def title_query(text: str) -> str:
    """The tsquery of the words typed, or'ed with a prefix query of the last one (when it has
    letters or digits). Binds `:words` and `:prefix`."""
    words = "websearch_to_tsquery('simple', :words)"
    return f"({words} || to_tsquery('simple', :prefix))" if last_word_prefix(text) else words


def title_match(alias: str, text: str) -> str:
    """The WHERE condition of a title search (binds `:words`, `:prefix`, `:pattern`)."""
    return (
        f"({title_document(alias)} @@ {title_query(text)}"
        f" OR {alias}.title ILIKE :pattern OR {alias}.original_title ILIKE :pattern)"
    )


def title_ranking(alias: str, text: str) -> str:
    """Exact title first, then full-text rank, then popularity and rating."""
    return (
        f"lower({alias}.title) = lower(:words) DESC,"
        f" ts_rank({title_document(alias)}, {title_query(text)}) DESC,"
        f" {alias}.popularity DESC NULLS LAST, {alias}.vote_average DESC NULLS LAST, {alias}.id"
    )


def last_word_prefix(text: str) -> str:
    """The last word's letters and digits as a tsquery prefix (`word:*`), or '' when none;
    keeping only those characters leaves nothing the tsquery syntax would read."""
    word = "".join(char for char in text.split()[-1] if char.isalnum())
    return f"{word}:*" if word else ""


def like_pattern(text: str) -> str:
    """`%text%` with the user's `\\`, `%` and `_` matched literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def title_values(text: str) -> dict[str, Any]:
    values = {"words": text, "pattern": like_pattern(text)}
    prefix = last_word_prefix(text)
    return {**values, "prefix": prefix} if prefix else values


def title_search_sql(columns: str, table: str, alias: str, readable: str, text: str) -> str:
    """The `columns` of the rows of `table` (as `alias`) that are `readable` and match `text`,
    best first; binds `title_values(text)`, `:limit` and `:offset`."""
    return f"""
        SELECT {columns} FROM {table} {alias}
        WHERE {readable} AND {title_match(alias, text)}
        ORDER BY {title_ranking(alias, text)} LIMIT :limit OFFSET :offset
    """


class PgMovieSearch:
    """`MovieTitleSearch` with the caller's library filter inside the query."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def search(self, readable: Readable, text: str, limit: int, offset: int) -> list[Record]:
        if nothing_readable(readable):
            return []
        sql = title_search_sql(MOVIE_COLUMNS, "movie.movies", "m", visible(readable), text)
        values = {**title_values(text), **libraries_of(readable), "limit": limit, "offset": offset}
        async with self._sessions() as session:
            result = await session.execute(statement(sql, readable), values)
            return [record(row) for row in result.mappings()]
