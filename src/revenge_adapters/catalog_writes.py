"""SQL for refresh writes that change only what differs, so writing the same data twice leaves
the rows (and their `updated_at`) as they were."""

# Statements are built from constant column lists of the callers; values are bound parameters.
# ruff: noqa: S608

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from revenge_domain.metadata.refresh.model import (
    CastCredit,
    CrewCredit,
    Enrichment,
    ImageRef,
    Texts,
)

# (person's TMDb id, credit type, character, order, job, department)
Credit = tuple[int, str, str | None, int | None, str | None, str | None]


def update_if_changed(table: str, columns: Mapping[str, str], stamp: str | None = None) -> str:
    """An UPDATE of row `:id` setting each column to its SQL expression (which may read the
    current row as `x`), only when one of them differs; returns the id when it changed.
    `stamp` is set along (e.g. `metadata_updated_at = :at`) but never compared."""
    news = ", ".join(f"{expression} AS {name}" for name, expression in columns.items())
    sets = ", ".join(f"{name} = v.{name}" for name in columns)
    if stamp:
        sets += f", {stamp}"
    olds = ", ".join(f"t.{name}" for name in columns)
    wanted = ", ".join(f"v.{name}" for name in columns)
    return f"""
        UPDATE {table} t SET {sets}
        FROM (SELECT {news} FROM {table} x WHERE x.id = :id) v
        WHERE t.id = :id AND ({olds}) IS DISTINCT FROM ({wanted})
        RETURNING t.id
    """


def kept(column: str, sql_type: str) -> str:
    """The new value when there is one, else what the column holds (a provider that says
    nothing about a field does not erase what a scan or an .nfo file put there)."""
    return f"coalesce(CAST(:{column} AS {sql_type}), x.{column})"


def artwork(column: str) -> str:
    """Like `kept`, but artwork found beside the videos (`local/...`) stays: a user's own
    poster wins over a provider's."""
    return f"CASE WHEN x.{column} LIKE 'local/%' THEN x.{column} ELSE {kept(column, 'text')} END"


def merged(column: str) -> str:
    """A `*_i18n` jsonb column with the languages fetched now merged in."""
    return f"coalesce(x.{column}, '{{}}'::jsonb) || CAST(:{column} AS jsonb)"


def by_language(texts: Iterable[Texts], field: str) -> str:
    """The `{language: text}` JSON of one text field, for `merged` columns."""
    values = {t.language: getattr(t, field) for t in texts if getattr(t, field)}
    return json.dumps(values, sort_keys=True)


async def changed(session: AsyncSession, sql: str, values: Mapping[str, Any]) -> bool:
    return (await session.execute(text(sql), dict(values))).first() is not None


async def locked(session: AsyncSession, sql: str, item_id: UUID) -> Mapping[str, Any] | None:
    """The item's current row, locked for the rest of the transaction."""
    row = (await session.execute(text(sql + " FOR UPDATE"), {"id": item_id})).mappings().first()
    return dict(row) if row is not None else None


def new_images(before: Mapping[str, Any], after: Mapping[str, str | None]) -> tuple[ImageRef, ...]:
    """Image paths (`poster_path` -> kind `poster`) that are set now and were not before
    (local artwork, which stays, is not replaced)."""
    return tuple(
        ImageRef(column.removesuffix("_path"), path)
        for column, path in after.items()
        if path and path != before.get(column) and not _local(before.get(column))
    )


def _local(path: object) -> bool:
    return isinstance(path, str) and path.startswith("local/")


async def replace_genres(
    session: AsyncSession, table: str, owner: str, owner_id: UUID, genres: Mapping[str, str]
) -> bool:
    """Make the owner's genres exactly `genres` (slug -> name); True when any row changed."""
    if not genres:
        return False
    slugs, names = list(genres), list(genres.values())
    removed = await session.execute(
        text(f"DELETE FROM {table} WHERE {owner} = :id AND slug <> ALL(CAST(:slugs AS text[]))"),
        {"id": owner_id, "slugs": slugs},
    )
    upserted = await session.execute(
        text(
            f"""
            INSERT INTO {table} ({owner}, slug, name)
            SELECT :id, s, n FROM unnest(CAST(:slugs AS text[]), CAST(:names AS text[])) AS g(s, n)
            ON CONFLICT ({owner}, slug) DO UPDATE SET name = EXCLUDED.name
            WHERE {table}.name IS DISTINCT FROM EXCLUDED.name
            """
        ),
        {"id": owner_id, "slugs": slugs, "names": names},
    )
    return bool(rowcount(removed) or rowcount(upserted))


def rowcount(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


def credit_rows(cast: Iterable[CastCredit], crew: Iterable[CrewCredit]) -> list[Credit]:
    rows: list[Credit] = [
        (c.person.tmdb_id, "cast", c.character, c.order, None, None) for c in cast
    ]
    rows += [(c.person.tmdb_id, "crew", None, None, c.job, c.department) for c in crew]
    return rows


def same_credits(stored: Iterable[Sequence[Any]], wanted: Iterable[Credit]) -> bool:
    """Whether the stored credit rows (in `Credit` column order) are the wanted ones."""
    return sorted(map(_credit_key, stored)) == sorted(map(_credit_key, wanted))


def _credit_key(credit: Sequence[Any]) -> tuple[str, ...]:
    return tuple("" if value is None else str(value) for value in credit)


def ratings_json(facts: Enrichment) -> str | None:
    """`external_ratings` as stored, or None to keep what is there."""
    if facts.ratings is None:
        return None
    return json.dumps(
        [{"source": r.source, "value": r.value, "score": r.score} for r in facts.ratings]
    )


def enrichment_values(item_id: UUID, facts: Enrichment) -> dict[str, Any]:
    return {
        "id": item_id,
        "external_ratings": ratings_json(facts),
        "logo_path": facts.logo_path,
        "backdrop_path": facts.backdrop_path,
    }


ENRICHED_COLUMNS = {
    "external_ratings": "coalesce(CAST(:external_ratings AS jsonb), x.external_ratings)",
    "logo_path": "coalesce(CAST(:logo_path AS text), x.logo_path)",
    "backdrop_path": "coalesce(x.backdrop_path, CAST(:backdrop_path AS text))",
}
