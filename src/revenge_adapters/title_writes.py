"""What the refresh writes the same way for movies and series: the title row, its genres, its
people and its enrichment, each write one transaction on the tables a `TitleTables` names."""

# Statements are built from constant fragments of the callers; values are bound parameters.
# ruff: noqa: S608

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, ClassVar, Generic, TypeVar
from uuid import UUID

import attrs
from sqlalchemy import RowMapping, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.catalog_writes import (
    ENRICHED_COLUMNS,
    Credit,
    artwork,
    by_language,
    changed,
    enrichment_values,
    kept,
    locked,
    merged,
    new_images,
    replace_genres,
    same_credits,
    update_if_changed,
)
from revenge_adapters.people import PeopleWritten, upsert_people
from revenge_domain.metadata.refresh.model import Enrichment, MovieFacts, SeriesFacts, Written

F = TypeVar("F", MovieFacts, SeriesFacts)
# Writes what hangs off a title (credits, collection, networks) given the ids of its people by
# TMDb id; True when any row changed.
Related = Callable[[AsyncSession, UUID, F, dict[int, UUID]], Awaitable[bool]]


@attrs.frozen
class TitleTables:
    """Where one kind of title lives: its table and the SQL of its refreshed `columns` (the
    table stamps its own `updated_at` when `stamp` is None), the SELECT of the row a write
    locks, and its genre table and owner column."""

    table: str
    columns: Mapping[str, str]
    target: str
    genres: str
    owner: str
    stamp: str | None = None

    def update(self) -> str:
        """The title's UPDATE, stamping `metadata_updated_at` with `:at`."""
        stamp = "metadata_updated_at = :at" + (f", {self.stamp}" if self.stamp else "")
        return update_if_changed(self.table, self.columns, stamp)

    def enrich(self) -> str:
        return update_if_changed(self.table, ENRICHED_COLUMNS, self.stamp)


class PgTitleStore(Generic[F]):
    """The writes movies and series share, on the subclass's `tables`."""

    tables: ClassVar[TitleTables]

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        self._update, self._enrich = self.tables.update(), self.tables.enrich()

    async def _row(self, sql: str, item_id: UUID) -> RowMapping | None:
        async with self._sessions() as session:
            return (await session.execute(text(sql), {"id": item_id})).mappings().first()

    async def _write_title(
        self,
        title_id: UUID,
        facts: F,
        values: Mapping[str, Any],
        at: dt.datetime,
        related: Sequence[Related[F]],
    ) -> Written:
        """The title row stamped `at`, its genres, its people and what `related` writes."""
        tables = self.tables
        async with self._sessions.begin() as session:
            before = await locked(session, tables.target, title_id)
            if before is None:
                return Written()
            row = await changed(session, self._update, {**values, "at": at})
            genres = {genre.slug: genre.name for genre in facts.genres}
            tagged = await replace_genres(session, tables.genres, tables.owner, title_id, genres)
            people = await upsert_people(
                session, [c.person for c in facts.cast] + [c.person for c in facts.crew]
            )
            linked = [await write(session, title_id, facts, people.ids) for write in related]
        return _written(before, facts, row or tagged or any(linked), people)

    async def write_enrichment(self, title_id: UUID, facts: Enrichment) -> Written:
        values = enrichment_values(title_id, facts)
        async with self._sessions.begin() as session:
            return Written(changed=await changed(session, self._enrich, values))


def _written(before: Mapping[str, Any], facts: F, changed: bool, people: PeopleWritten) -> Written:
    """What a title write changed, with its new artwork and its people's new pictures."""
    paths = {"poster_path": facts.poster_path, "backdrop_path": facts.backdrop_path}
    return Written(
        changed=changed,
        people=people.changed,
        created_people=people.created,
        images=new_images(before, paths) + people.images,
    )


def unique(table: str, column: str, sql_type: str) -> str:
    """Another title may hold this id already (the same one in two libraries): keep ours."""
    return (
        f"CASE WHEN EXISTS (SELECT 1 FROM {table} o WHERE o.{column} = CAST(:{column} AS"
        f" {sql_type}) AND o.id <> :id) THEN x.{column} ELSE {kept(column, sql_type)} END"
    )


def title_columns(table: str, rating: str) -> dict[str, str]:
    """The SQL of the columns of `title_values` (the TMDb id kept unique in `table`);
    `rating` is the SQL type of `vote_average`."""
    return {
        "tmdb_id": unique(table, "tmdb_id", "int"),
        "imdb_id": kept("imdb_id", "text"),
        "original_title": kept("original_title", "text"),
        "original_language": kept("original_language", "text"),
        "overview": kept("overview", "text"),
        "tagline": kept("tagline", "text"),
        "status": kept("status", "text"),
        "vote_average": kept("vote_average", rating),
        "vote_count": kept("vote_count", "int"),
        "popularity": kept("popularity", "numeric(10, 3)"),
        "poster_path": artwork("poster_path"),
        "backdrop_path": artwork("backdrop_path"),
        "trailer_url": kept("trailer_url", "text"),
        "age_ratings": merged("age_ratings"),
        "titles_i18n": merged("titles_i18n"),
        "overviews_i18n": merged("overviews_i18n"),
        "taglines_i18n": merged("taglines_i18n"),
    }


def title_values(title_id: UUID, facts: F) -> dict[str, Any]:
    """The values movies and series share."""
    return {
        "id": title_id,
        "tmdb_id": facts.tmdb_id,
        "imdb_id": facts.imdb_id,
        "original_title": facts.original_title,
        "original_language": facts.original_language,
        "overview": facts.overview,
        "tagline": facts.tagline,
        "status": facts.status,
        "vote_average": facts.vote_average,
        "vote_count": facts.vote_count,
        "popularity": facts.popularity,
        "poster_path": facts.poster_path,
        "backdrop_path": facts.backdrop_path,
        "trailer_url": facts.trailer_url,
        "age_ratings": json.dumps(dict(facts.age_ratings), sort_keys=True),
        "titles_i18n": by_language(facts.texts, "title"),
        "overviews_i18n": by_language(facts.texts, "overview"),
        "taglines_i18n": by_language(facts.texts, "tagline"),
    }


async def cleared_credits(
    session: AsyncSession, stored: str, delete: str, title_id: UUID, wanted: list[Credit]
) -> bool:
    """Whether the title's credits differ from `wanted` (none wanted: left as they are); the
    stored ones are deleted when they do."""
    if not wanted:
        return False
    rows = (await session.execute(text(stored), {"id": title_id})).all()
    if same_credits(rows, wanted):
        return False
    await session.execute(text(delete), {"id": title_id})
    return True


def credit_columns(wanted: list[Credit]) -> dict[str, list[Any]]:
    """The credits but for their people, one list a column, for `unnest`."""
    columns = list(zip(*wanted, strict=True))
    names = ("types", "characters", "orders", "jobs", "departments")
    return {name: list(column) for name, column in zip(names, columns[1:], strict=True)}
