"""Title search on PostgreSQL without extensions: a title matches by its words (one typo
forgiven each, the last word typed as a beginning, accents and punctuation ignored), looked up
in the title word index (`title_keys`), or holds the query as a substring; titles holding more
words of the query come first."""

# Queries are assembled from constant fragments of this module; every value is a bound parameter.
# ruff: noqa: S608

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.movies.catalog import nothing_readable
from revenge_adapters.movies.rows import MOVIE_COLUMNS, libraries_of, read, statement, visible
from revenge_adapters.search.title_keys import key_values, title_hits, word_count
from revenge_domain.libraries import Readable
from revenge_domain.movies import Movie


def title_source(table: str, alias: str, where: str) -> str:
    """`table` as `alias`, with how many words of the query each row's titles hold (NULL for
    none) as `{alias}_hits.matched`, and the most any row passing `where` holds as
    `{alias}_hits.best`. Binds those of `title_values`."""
    hits = f"{alias}_hits"
    found = title_hits(table, alias, where)
    return f"{table} {alias} LEFT JOIN ({found}) {hits} ON {hits}.id = {alias}.id"


def title_match(alias: str, text: str) -> str:
    """The WHERE condition of a title search over `title_source`: every word of the query in
    the title or original title (one typo forgiven each, the last word as a beginning), or as
    many as any row holds; or the query as a substring. Binds those of `title_values`."""
    count = word_count(text)
    hits = f"{alias}_hits"
    enough = "false"
    if count:
        enough = f"{hits}.matched >= CASE WHEN {hits}.best = {count} THEN {count} ELSE 1 END"
    # What ILIKE does, with the pattern lowered once rather than for every row.
    like = "LIKE lower(:pattern)"
    return f"({enough} OR lower({alias}.title) {like} OR lower({alias}.original_title) {like})"


def title_ranking(alias: str) -> str:
    """Most words of the query held first, then the exact title, then popularity and rating."""
    return (
        f"coalesce({alias}_hits.matched, 0) DESC,"
        f" lower({alias}.title) = lower(:words) DESC,"
        f" {alias}.popularity DESC NULLS LAST, {alias}.vote_average DESC NULLS LAST, {alias}.id"
    )


def like_pattern(text: str) -> str:
    """`%text%` with the user's `\\`, `%` and `_` matched literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def title_values(text: str) -> dict[str, Any]:
    return {"words": text, "pattern": like_pattern(text), **key_values(text)}


def title_search_sql(columns: str, table: str, alias: str, readable: str, text: str) -> str:
    """The `columns` of the rows of `table` (as `alias`) that are `readable` and match `text`,
    best first; binds `title_values(text)`, `:limit` and `:offset`."""
    return f"""
        SELECT {columns} FROM {title_source(table, alias, readable)}
        WHERE {readable} AND {title_match(alias, text)}
        ORDER BY {title_ranking(alias)} LIMIT :limit OFFSET :offset
    """


class PgMovieSearch:
    """`MovieTitleSearch` with the caller's library filter inside the query."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def search(self, readable: Readable, text: str, limit: int, offset: int) -> list[Movie]:
        if nothing_readable(readable):
            return []
        sql = title_search_sql(MOVIE_COLUMNS, "movie.movies", "m", visible(readable), text)
        values = {**title_values(text), **libraries_of(readable), "limit": limit, "offset": offset}
        async with self._sessions() as session:
            result = await session.execute(statement(sql, readable), values)
            return [read(Movie, row) for row in result.mappings()]
