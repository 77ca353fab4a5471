"""The search fallback on PostgreSQL without extensions: movie and series titles through the title
word index (`title_keys`), other texts by word matching (`word_match`), and ILIKE.

One query finds the matching ids of readable rows, in the client's sort then best first, with
their total; the search documents of those ids are then built exactly as the indexer builds
them, so a fallback answer has the engine's shapes. Facets of movie and TV searches are counted
over every match. Every call is counted in `revenge_search_fallbacks_total`.
"""

# Statements are assembled from the constant fragments of this module; values are bound.
# ruff: noqa: S608

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs
from sqlalchemy import TextClause, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.metrics import SEARCH_FALLBACKS
from revenge_adapters.movies.search import title_match, title_ranking, title_source, title_values
from revenge_adapters.search.fallback_facets import facet_counts
from revenge_adapters.search.word_match import enough_words, matched_words, word_values
from revenge_adapters.tvshows.sql import scope, scoped
from revenge_domain.libraries import ALL, Readable
from revenge_domain.ports.catalog_changes import Entity
from revenge_domain.ports.search_indexing import SearchDocuments
from revenge_domain.search.answers import Facets, FallbackPage
from revenge_domain.search.fallback import FACET_VALUES
from revenge_domain.search.query import TEXT_MATCH, Sort

_ALL = "CAST(:all_libraries AS boolean)"
_PERSON_READABLE = f"""({_ALL}
    OR EXISTS(SELECT 1 FROM movie.movie_credits c JOIN movie.movies m ON m.id = c.movie_id
              WHERE c.person_id = p.id AND c.deleted_at IS NULL AND m.deleted_at IS NULL
                AND m.library_id = ANY(:libraries))
    OR EXISTS(SELECT 1 FROM tvshow.series_credits c JOIN tvshow.series s ON s.id = c.series_id
              WHERE c.person_id = p.id AND s.library_id = ANY(:libraries)))"""
_SERIES = "tvshow.series s"
# What a client may sort movies and TV shows by (the collections' sortable fields); other
# collections are searched unsorted (the multi-search) and keep their best-match order.
_MOVIE_SORTS = {
    "tmdb_id": "m.tmdb_id",
    "year": "m.year",
    "release_date": "m.release_date",
    "runtime": "m.runtime",
    "vote_average": "m.vote_average",
    "vote_count": "m.vote_count",
    "popularity": "coalesce(m.popularity, 0)",
    "library_added_at": "m.library_added_at",
    "title": "lower(m.title)",
}
_SERIES_SORTS = {
    "tmdb_id": "s.tmdb_id",
    "tvdb_id": "s.tvdb_id",
    "year": "extract(year FROM s.first_air_date)",
    "first_air_date": "s.first_air_date",
    "vote_average": "s.vote_average",
    "vote_count": "s.vote_count",
    "popularity": "coalesce(s.popularity, 0)",
    "total_seasons": "s.total_seasons",
    "total_episodes": "s.total_episodes",
    "title": "lower(s.title)",
}


@attrs.frozen
class _Target:
    """Where a collection's rows are, which text columns are searched, who may read a row and
    how equally good matches are ordered."""

    entity: Entity
    source: str
    alias: str
    texts: tuple[str, ...]
    readable: str
    then: str
    sorts: Mapping[str, str] = attrs.field(factory=dict)

    def match_and_rank(self, text: str) -> tuple[str, str, str]:
        """Where the rows are searched, the WHERE condition of a match, and the best first."""
        if self.entity in (Entity.MOVIE, Entity.SERIES):
            table = self.source.split()[0]
            source = title_source(table, self.alias, self.readable)
            return source, title_match(self.alias, text), title_ranking(self.alias)
        enough = enough_words(self.texts, text, self.source, self.readable)
        likes = " OR ".join(f"{column} ILIKE :pattern" for column in self.texts)
        match = f"({enough} OR {likes})"
        matched = matched_words(self.texts, text)
        rank = f"{matched} DESC, lower({self.texts[0]}) = lower(:words) DESC, {self.then}"
        return self.source, match, rank

    def statements(self, text: str, sorts: Sequence[Sort]) -> tuple[str, str, str]:
        """The SELECTs of a page of matching ids, of their count, and of every matching id."""
        source, match, rank = self.match_and_rank(text)
        matching = f"SELECT {self.alias}.id FROM {source} WHERE {self.readable} AND {match}"
        page = f"{matching} ORDER BY {self.order(rank, sorts)} LIMIT :limit OFFSET :offset"
        return page, f"SELECT count(*) FROM ({matching}) AS found", matching

    def order(self, rank: str, sorts: Sequence[Sort]) -> str:
        """The client's sort (fields the database cannot sort on skipped), then best match."""
        keys = (self._sort_key(sort, rank) for sort in sorts)
        return ", ".join([*(key for key in keys if key), rank])

    def _sort_key(self, sort: Sort, rank: str) -> str | None:
        if sort.field == TEXT_MATCH:
            return rank
        column = self.sorts.get(sort.field)
        direction = "DESC" if sort.descending else "ASC"
        return None if column is None else f"{column} {direction} NULLS LAST"


TARGETS = {
    "movies": _Target(
        Entity.MOVIE,
        "movie.movies m",
        "m",
        ("m.title", "m.original_title"),
        f"m.deleted_at IS NULL AND ({_ALL} OR m.library_id = ANY(:libraries))",
        "",
        _MOVIE_SORTS,
    ),
    "tvshows": _Target(
        Entity.SERIES,
        _SERIES,
        "s",
        ("s.title", "s.original_title"),
        f"({_ALL} OR s.library_id = ANY(:libraries))",
        "",
        _SERIES_SORTS,
    ),
    "seasons": _Target(
        Entity.SEASON,
        f"tvshow.seasons n JOIN {_SERIES} ON s.id = n.series_id",
        "n",
        ("n.name", "s.title"),
        f"({_ALL} OR s.library_id = ANY(:libraries))",
        "n.air_date DESC NULLS LAST, n.id",
    ),
    "episodes": _Target(
        Entity.EPISODE,
        f"tvshow.episodes e JOIN {_SERIES} ON s.id = e.series_id",
        "e",
        ("e.title", "s.title"),
        f"({_ALL} OR s.library_id = ANY(:libraries))",
        "e.air_date DESC NULLS LAST, e.id",
    ),
    "people": _Target(
        Entity.PERSON,
        "shared.people p",
        "p",
        ("p.name",),
        _PERSON_READABLE,
        "p.popularity DESC, p.id",
    ),
    "users": _Target(
        Entity.USER,
        "shared.users u",
        "u",
        ("u.username", "u.display_name", "u.email"),
        "u.deleted_at IS NULL",
        "u.created_at DESC, u.id",
    ),
}


def _statement(sql: str) -> TextClause:
    """`sql` with the typed parameters of the library filter, when it has one (who may read a
    user does not depend on libraries)."""
    return scoped(sql) if ":libraries" in sql else text(sql)


def _values(text: str) -> dict[str, Any]:
    """What the statements of every target bind."""
    return {**title_values(text), **word_values(text)}


class PgSearchFallback:
    """`SearchFallback`: matching ids on PostgreSQL, documents from `documents` (the indexer's
    own builder)."""

    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], documents: SearchDocuments
    ) -> None:
        self._sessions, self._documents = sessions, documents

    async def search(
        self,
        collection: str,
        readable: Readable,
        text: str,
        limit: int,
        offset: int,
        *,
        sort: Sequence[Sort] = (),
        facets: Sequence[str] = (),
    ) -> FallbackPage:
        SEARCH_FALLBACKS.labels(collection).inc()
        target = TARGETS[collection]
        if readable is not ALL and not readable:
            return FallbackPage([], 0)
        page, count, matching = target.statements(text, sort)
        values = scope(readable, **_values(text), limit=limit, offset=offset)
        async with self._sessions() as session:
            ids = [row[0] for row in await session.execute(_statement(page), values)]
            total = int(await session.scalar(_statement(count), values) or 0)
            counted = await facet_counts(
                session,
                collection,
                readable,
                list(facets),
                FACET_VALUES,
                within=(matching, _values(text)),
            )
        found = {d["id"]: dict(d) for d in await self._documents.documents(target.entity, ids)}
        return FallbackPage([found[str(i)] for i in ids if str(i) in found], total, counted)

    async def facets(
        self, collection: str, readable: Readable, names: Sequence[str], limit: int
    ) -> Facets:
        SEARCH_FALLBACKS.labels(collection).inc()
        if readable is not ALL and not readable:
            return {}
        async with self._sessions() as session:
            return await facet_counts(session, collection, readable, list(names), limit)
