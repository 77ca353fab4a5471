"""The movie side of the refresh (`MovieMetadataStore`) on PostgreSQL: each write is one
transaction that changes only what differs."""

# Statements are built from constant fragments of this module; values are bound parameters.
# ruff: noqa: S608

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.catalog_writes import (
    ENRICHED_COLUMNS,
    Credit,
    artwork,
    by_language,
    changed,
    credit_rows,
    enrichment_values,
    kept,
    locked,
    merged,
    new_images,
    replace_genres,
    rowcount,
    same_credits,
    update_if_changed,
)
from revenge_adapters.people import PeopleWritten, upsert_people
from revenge_domain.metadata.refresh.model import (
    CollectionFacts,
    Enrichment,
    MovieFacts,
    MovieTarget,
    SeriesFacts,
    Written,
)

TitleFacts = MovieFacts | SeriesFacts

_TARGET = """
    SELECT id, library_id, title, year, tmdb_id, imdb_id, poster_path, backdrop_path
    FROM movie.movies WHERE id = :id AND deleted_at IS NULL
"""


def unique(table: str, column: str, sql_type: str) -> str:
    """Another title may hold this id already (the same one in two libraries): keep ours."""
    return (
        f"CASE WHEN EXISTS (SELECT 1 FROM {table} o WHERE o.{column} = CAST(:{column} AS"
        f" {sql_type}) AND o.id <> :id) THEN x.{column} ELSE {kept(column, sql_type)} END"
    )


_COLUMNS = {
    "tmdb_id": unique("movie.movies", "tmdb_id", "int"),
    "imdb_id": unique("movie.movies", "imdb_id", "text"),
    "original_title": kept("original_title", "text"),
    "original_language": kept("original_language", "text"),
    "overview": kept("overview", "text"),
    "tagline": kept("tagline", "text"),
    "runtime": kept("runtime", "int"),
    "release_date": kept("release_date", "date"),
    "year": "coalesce(x.year, CAST(:year AS int))",
    "status": kept("status", "text"),
    "vote_average": kept("vote_average", "numeric(3, 1)"),
    "vote_count": kept("vote_count", "int"),
    "popularity": kept("popularity", "numeric(10, 3)"),
    "poster_path": artwork("poster_path"),
    "backdrop_path": artwork("backdrop_path"),
    "budget": kept("budget", "bigint"),
    "revenue": kept("revenue", "bigint"),
    "trailer_url": kept("trailer_url", "text"),
    "age_ratings": merged("age_ratings"),
    "titles_i18n": merged("titles_i18n"),
    "overviews_i18n": merged("overviews_i18n"),
    "taglines_i18n": merged("taglines_i18n"),
}
_UPDATE = update_if_changed("movie.movies", _COLUMNS, "metadata_updated_at = :at")
_ENRICH = update_if_changed("movie.movies", ENRICHED_COLUMNS)
_CREDITS = """
    SELECT p.tmdb_id, c.credit_type, c.character, c.cast_order, c.job, c.department
    FROM movie.movie_credits c JOIN shared.people p ON p.id = c.person_id
    WHERE c.movie_id = :id AND c.deleted_at IS NULL
"""
_DELETE_CREDITS = "DELETE FROM movie.movie_credits WHERE movie_id = :id"
_INSERT_CREDITS = """
    INSERT INTO movie.movie_credits
        (movie_id, person_id, credit_type, character, cast_order, job, department)
    SELECT :id, * FROM unnest(CAST(:people AS uuid[]), CAST(:types AS text[]),
        CAST(:characters AS text[]), CAST(:orders AS int[]), CAST(:jobs AS text[]),
        CAST(:departments AS text[]))
"""
_COLLECTION = """
    INSERT INTO movie.movie_collections (tmdb_collection_id, name, poster_path, backdrop_path)
    VALUES (:tmdb_id, :name, :poster_path, :backdrop_path)
    ON CONFLICT (tmdb_collection_id) DO UPDATE SET name = EXCLUDED.name,
        poster_path = coalesce(EXCLUDED.poster_path, movie_collections.poster_path),
        backdrop_path = coalesce(EXCLUDED.backdrop_path, movie_collections.backdrop_path)
    WHERE (movie_collections.name, movie_collections.poster_path, movie_collections.backdrop_path)
        IS DISTINCT FROM (EXCLUDED.name,
            coalesce(EXCLUDED.poster_path, movie_collections.poster_path),
            coalesce(EXCLUDED.backdrop_path, movie_collections.backdrop_path))
"""
_MEMBERSHIP = """
    INSERT INTO movie.movie_collection_members (collection_id, movie_id)
    SELECT id, :movie_id FROM movie.movie_collections WHERE tmdb_collection_id = :tmdb_id
    ON CONFLICT (collection_id, movie_id) DO NOTHING
"""


class PgMovieMetadataStore:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def movie(self, movie_id: UUID) -> MovieTarget | None:
        async with self._sessions() as session:
            row = (await session.execute(text(_TARGET), {"id": movie_id})).mappings().first()
        return MovieTarget(**row) if row is not None else None

    async def write_movie(self, movie_id: UUID, facts: MovieFacts, at: dt.datetime) -> Written:
        async with self._sessions.begin() as session:
            before = await locked(session, _TARGET, movie_id)
            if before is None:
                return Written()
            row = await changed(session, _UPDATE, {**_row_values(movie_id, facts), "at": at})
            tagged = await tag_genres(session, "movie.movie_genres", "movie_id", movie_id, facts)
            people = await upsert_credited(session, facts)
            credited = await _replace_credits(session, movie_id, facts, people.ids)
            collected = await _join_collection(session, movie_id, facts.collection)
        return title_written(before, facts, row or tagged or credited or collected, people)

    async def write_movie_enrichment(self, movie_id: UUID, facts: Enrichment) -> Written:
        async with self._sessions.begin() as session:
            return Written(
                changed=await changed(session, _ENRICH, enrichment_values(movie_id, facts))
            )


async def tag_genres(
    session: AsyncSession, table: str, column: str, title_id: UUID, facts: TitleFacts
) -> bool:
    genres = {genre.slug: genre.name for genre in facts.genres}
    return await replace_genres(session, table, column, title_id, genres)


async def upsert_credited(session: AsyncSession, facts: TitleFacts) -> PeopleWritten:
    return await upsert_people(
        session, [c.person for c in facts.cast] + [c.person for c in facts.crew]
    )


def title_written(
    before: Mapping[str, Any], facts: TitleFacts, changed: bool, people: PeopleWritten
) -> Written:
    """What a title write changed, with its new artwork and its people's new pictures."""
    paths = {"poster_path": facts.poster_path, "backdrop_path": facts.backdrop_path}
    return Written(
        changed=changed,
        people=people.changed,
        created_people=people.created,
        images=new_images(before, paths) + people.images,
    )


def title_values(title_id: UUID, facts: TitleFacts) -> dict[str, Any]:
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


def _row_values(movie_id: UUID, facts: MovieFacts) -> dict[str, Any]:
    return {
        **title_values(movie_id, facts),
        "runtime": facts.runtime,
        "release_date": facts.release_date,
        "year": facts.release_date.year if facts.release_date else None,
        "budget": facts.budget,
        "revenue": facts.revenue,
    }


async def _replace_credits(
    session: AsyncSession, movie_id: UUID, facts: MovieFacts, people: dict[int, UUID]
) -> bool:
    """Credits as the provider lists them; untouched when they are the same already."""
    wanted = [c for c in credit_rows(facts.cast, facts.crew) if c[0] in people]
    if not await cleared_credits(session, _CREDITS, _DELETE_CREDITS, movie_id, wanted):
        return False
    ids = [people[credit[0]] for credit in wanted]
    values = {"id": movie_id, "people": ids, **credit_columns(wanted)}
    await session.execute(text(_INSERT_CREDITS), values)
    return True


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


async def _join_collection(
    session: AsyncSession, movie_id: UUID, collection: CollectionFacts | None
) -> bool:
    """The provider's collection, created or updated, with the movie in it (a movie the
    provider puts in no collection keeps the ones it has)."""
    if collection is None:
        return False
    values = {
        "tmdb_id": collection.tmdb_id,
        "name": collection.name,
        "poster_path": collection.poster_path,
        "backdrop_path": collection.backdrop_path,
    }
    upserted = await session.execute(text(_COLLECTION), values)
    joined = await session.execute(
        text(_MEMBERSHIP), {"movie_id": movie_id, "tmdb_id": collection.tmdb_id}
    )
    return bool(rowcount(upserted) or rowcount(joined))
