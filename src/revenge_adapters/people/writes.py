"""People in `shared.people` found (or created) by TMDb id, inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

import attrs
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from revenge_domain.metadata.refresh.model import ImageRef, PersonFacts

_EXISTING = """
    SELECT id, tmdb_id, name, profile_path, gender, known_for_department
    FROM shared.people WHERE tmdb_id = ANY(CAST(:ids AS int[]))
"""
_INSERT = """
    INSERT INTO shared.people (tmdb_id, name, profile_path, gender, known_for_department)
    SELECT * FROM unnest(CAST(:ids AS int[]), CAST(:names AS text[]), CAST(:profiles AS text[]),
        CAST(:genders AS smallint[]), CAST(:departments AS text[]))
    ON CONFLICT (tmdb_id) DO NOTHING
    RETURNING id, tmdb_id
"""
_UPDATE = """
    UPDATE shared.people p SET name = u.name,
        profile_path = coalesce(u.profile_path, p.profile_path),
        gender = CASE WHEN u.gender > 0 THEN u.gender ELSE p.gender END,
        known_for_department = coalesce(u.department, p.known_for_department),
        updated_at = now()
    FROM unnest(CAST(:ids AS uuid[]), CAST(:names AS text[]), CAST(:profiles AS text[]),
        CAST(:genders AS smallint[]), CAST(:departments AS text[]))
        AS u(id, name, profile_path, gender, department)
    WHERE p.id = u.id
"""


@attrs.frozen
class PeopleWritten:
    ids: dict[int, UUID]  # TMDb id -> person id, for every person asked for
    changed: frozenset[UUID]  # created or updated
    created: dict[int, UUID]
    images: tuple[ImageRef, ...]


async def upsert_people(session: AsyncSession, people: Sequence[PersonFacts]) -> PeopleWritten:
    wanted = {person.tmdb_id: person for person in people}
    if not wanted:
        return PeopleWritten({}, frozenset(), {}, ())
    rows = (await session.execute(text(_EXISTING), {"ids": list(wanted)})).mappings().all()
    ids = {row["tmdb_id"]: row["id"] for row in rows}
    stale = [row for row in rows if _differs(dict(row), wanted[row["tmdb_id"]])]
    await _update(session, [(row["id"], wanted[row["tmdb_id"]]) for row in stale])
    created = await _insert(session, [p for tmdb_id, p in wanted.items() if tmdb_id not in ids])
    ids.update(created)
    if len(ids) < len(wanted):  # created meanwhile by another refresh
        again = await session.execute(text(_EXISTING), {"ids": list(set(wanted) - set(ids))})
        ids.update({row["tmdb_id"]: row["id"] for row in again.mappings()})
    old_profiles = {row["tmdb_id"]: row["profile_path"] for row in rows}
    images = tuple(
        ImageRef("profile", person.profile_path)
        for tmdb_id, person in wanted.items()
        if person.profile_path and person.profile_path != old_profiles.get(tmdb_id)
    )
    changed = frozenset(row["id"] for row in stale) | frozenset(created.values())
    return PeopleWritten(ids, changed, created, images)


def _differs(current: Mapping[str, Any], person: PersonFacts) -> bool:
    """Whether the stored person lacks something the credit says (unknown fields are kept)."""
    return (
        current["name"] != person.name
        or _new(current["profile_path"], person.profile_path)
        or (person.gender > 0 and current["gender"] != person.gender)
        or _new(current["known_for_department"], person.known_for_department)
    )


def _new(stored: object, given: object) -> bool:
    return given is not None and stored != given


def _columns(people: Sequence[PersonFacts]) -> dict[str, list[object]]:
    return {
        "names": [p.name for p in people],
        "profiles": [p.profile_path for p in people],
        "genders": [p.gender for p in people],
        "departments": [p.known_for_department for p in people],
    }


async def _update(session: AsyncSession, stale: Sequence[tuple[UUID, PersonFacts]]) -> None:
    if stale:
        values = {"ids": [row_id for row_id, _ in stale], **_columns([p for _, p in stale])}
        await session.execute(text(_UPDATE), values)


async def _insert(session: AsyncSession, missing: Sequence[PersonFacts]) -> dict[int, UUID]:
    if not missing:
        return {}
    values = {"ids": [p.tmdb_id for p in missing], **_columns(missing)}
    rows = await session.execute(text(_INSERT), values)
    return {row["tmdb_id"]: row["id"] for row in rows.mappings()}
