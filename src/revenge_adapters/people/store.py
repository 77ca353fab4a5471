"""The person side of the refresh (`PersonMetadataStore`) on PostgreSQL."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.catalog_writes import changed, kept, locked, new_images, update_if_changed
from revenge_domain.metadata.refresh.model import PersonDetails, PersonTarget, Written

_TARGET = "SELECT id, name, tmdb_id, profile_path FROM shared.people WHERE id = :id"
_COLUMNS = {
    "name": "CAST(:name AS text)",
    # Another person may already hold these unique ids (a duplicate made by hand): keep ours.
    "tmdb_id": "CASE WHEN EXISTS (SELECT 1 FROM shared.people o WHERE o.tmdb_id = :tmdb_id"
    " AND o.id <> :id) THEN x.tmdb_id ELSE CAST(:tmdb_id AS int) END",
    "imdb_id": "CASE WHEN EXISTS (SELECT 1 FROM shared.people o WHERE o.imdb_id = :imdb_id"
    " AND o.id <> :id) THEN x.imdb_id ELSE coalesce(CAST(:imdb_id AS varchar(20)), x.imdb_id) END",
    "biography": kept("biography", "text"),
    "birthday": kept("birthday", "date"),
    "deathday": kept("deathday", "date"),
    "place_of_birth": kept("place_of_birth", "text"),
    "profile_path": kept("profile_path", "text"),
    "gender": "CASE WHEN CAST(:gender AS smallint) > 0 THEN CAST(:gender AS smallint)"
    " ELSE x.gender END",
    "known_for_department": kept("known_for_department", "text"),
    "popularity": kept("popularity", "double precision"),
}
_UPDATE = update_if_changed("shared.people", _COLUMNS, "updated_at = now()")


class PgPersonMetadataStore:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def person(self, person_id: UUID) -> PersonTarget | None:
        async with self._sessions() as session:
            row = (await session.execute(text(_TARGET), {"id": person_id})).mappings().first()
        if row is None:
            return None
        return PersonTarget(row["id"], row["name"], row["tmdb_id"], row["profile_path"])

    async def write_person(self, person_id: UUID, details: PersonDetails) -> Written:
        async with self._sessions.begin() as session:
            before = await locked(session, _TARGET, person_id)
            if before is None:
                return Written()
            values = {
                "id": person_id,
                "name": details.name,
                "tmdb_id": details.tmdb_id,
                "imdb_id": details.imdb_id,
                "biography": details.biography,
                "birthday": details.birthday,
                "deathday": details.deathday,
                "place_of_birth": details.place_of_birth,
                "profile_path": details.profile_path,
                "gender": details.gender,
                "known_for_department": details.known_for_department,
                "popularity": details.popularity,
            }
            if not await changed(session, _UPDATE, values):
                return Written()
        images = new_images(before, {"profile_path": details.profile_path})
        return Written(changed=True, images=images)
