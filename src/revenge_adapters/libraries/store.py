"""The `LibraryStore` port on PostgreSQL; each call is its own short transaction, which writes
the activity entry of a change with it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Select, delete, func, insert, select, text, true, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.sql import Executable

from revenge_adapters.activity import add_entry
from revenge_adapters.libraries.tables import (
    GRANT_UNIQUE,
    GRANT_USER_FK,
    NAME_INDEX,
    libraries,
    library_permissions,
    library_scans,
)
from revenge_domain.activity import ActivityEvent
from revenge_domain.errors import Conflict, NotFound
from revenge_domain.libraries.model import (
    Access,
    Library,
    LibraryGrant,
    LibraryScan,
    LibrarySettings,
    LibraryTitles,
    LibraryType,
    ScanPage,
)

_TITLES = text(
    "SELECT 'movie' AS kind, id FROM movie.movies WHERE library_id = :library_id"
    " UNION ALL SELECT 'series', id FROM tvshow.series WHERE library_id = :library_id"
    " UNION SELECT 'person', c.person_id FROM movie.movie_credits c"
    " JOIN movie.movies m ON m.id = c.movie_id WHERE m.library_id = :library_id"
    " UNION SELECT 'person', c.person_id FROM tvshow.series_credits c"
    " JOIN tvshow.series s ON s.id = c.series_id"
    " WHERE s.library_id = :library_id AND c.person_id IS NOT NULL"
)

_KINDS = ("movie", "series", "person")

_latest = (
    select(library_scans)
    .where(library_scans.c.library_id == libraries.c.id)
    .order_by(library_scans.c.created_at.desc(), library_scans.c.id)
    .limit(1)
    .lateral("latest_scan")
)
_SCAN_PREFIX = "scan_"


def _libraries_where(*conditions: ColumnElement[bool]) -> Select[Any]:
    scan_columns = [column.label(f"{_SCAN_PREFIX}{column.name}") for column in _latest.c]
    return (
        select(libraries, *scan_columns)
        .select_from(libraries.outerjoin(_latest, true()))
        .where(*conditions)
        .order_by(func.lower(libraries.c.name), libraries.c.id)
    )


def _settings_values(settings: LibrarySettings) -> dict[str, Any]:
    return {
        "name": settings.name,
        "type": settings.type.value,
        "paths": list(settings.paths),
        "enabled": settings.enabled,
        "scan_on_startup": settings.scan_on_startup,
        "realtime_monitoring": settings.realtime_monitoring,
        "metadata_provider": settings.metadata_provider,
        "preferred_language": settings.preferred_language,
        "scanner_config": settings.scanner_config,
    }


def _scan_of(values: Any) -> LibraryScan:
    return LibraryScan(
        id=values["id"],
        library_id=values["library_id"],
        scan_type=values["scan_type"],
        status=values["status"],
        created_at=values["created_at"],
        items_scanned=values["items_scanned"],
        items_added=values["items_added"],
        items_updated=values["items_updated"],
        items_removed=values["items_removed"],
        error_count=values["errors_count"],
        error_message=values["error_message"],
        started_at=values["started_at"],
        completed_at=values["completed_at"],
        heartbeat_at=values.get("heartbeat_at"),
    )


def _library_of(row: Any) -> Library:
    values = row._mapping
    settings = LibrarySettings(
        name=values["name"],
        type=LibraryType(values["type"]),
        paths=tuple(values["paths"]),
        enabled=values["enabled"],
        scan_on_startup=values["scan_on_startup"],
        realtime_monitoring=values["realtime_monitoring"],
        metadata_provider=values["metadata_provider"],
        preferred_language=values["preferred_language"],
        scanner_config=values["scanner_config"],
    )
    latest = None
    if values.get(f"{_SCAN_PREFIX}id") is not None:
        n = len(_SCAN_PREFIX)
        latest = _scan_of({k[n:]: v for k, v in values.items() if k.startswith(_SCAN_PREFIX)})
    return Library(values["id"], settings, values["created_at"], values["updated_at"], latest)


def _grant_of(row: Any) -> LibraryGrant:
    return LibraryGrant(row.id, row.library_id, row.user_id, Access(row.permission), row.created_at)


def _constraint_of(exc: IntegrityError) -> str | None:
    return getattr(exc.orig.__cause__, "constraint_name", None) if exc.orig else None


async def _changed(session: AsyncSession, stmt: Executable, event: ActivityEvent) -> bool:
    """Run `stmt` and, if it changed a row, write `event` with it; whether it changed one."""
    if not (await session.execute(stmt)).rowcount:  # type: ignore[attr-defined]
        return False
    await add_entry(session, event)
    return True


async def _granted(session: AsyncSession, library_id: UUID, user_id: UUID, access: Access) -> Any:
    """The permission's row, added unless already held; NotFound for an unknown user or
    library."""
    held = library_permissions.c
    stmt = (
        pg_insert(library_permissions)
        .values(library_id=library_id, user_id=user_id, permission=access.value)
        .on_conflict_do_nothing(constraint=GRANT_UNIQUE)
        .returning(library_permissions)
    )
    existing = select(library_permissions).where(
        held.library_id == library_id, held.user_id == user_id, held.permission == access.value
    )
    try:
        row = (await session.execute(stmt)).one_or_none()
    except IntegrityError as exc:
        if _constraint_of(exc) == GRANT_USER_FK:
            raise NotFound("user not found", {"field": "user_id"}) from None
        raise NotFound("library not found", {"library_id": str(library_id)}) from None
    return row if row is not None else (await session.execute(existing)).one()


def _name_taken(exc: IntegrityError) -> Exception:
    if _constraint_of(exc) == NAME_INDEX:
        return Conflict("a library with this name already exists", {"field": "name"})
    return exc


class PgLibraryStore:
    """Libraries, scans and per-user permissions in `public`."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def all(self) -> list[Library]:
        return await self._libraries(_libraries_where())

    async def with_ids(self, ids: frozenset[UUID]) -> list[Library]:
        return await self._libraries(_libraries_where(libraries.c.id.in_(ids)))

    async def get(self, library_id: UUID) -> Library | None:
        found = await self._libraries(_libraries_where(libraries.c.id == library_id))
        return found[0] if found else None

    async def add(
        self, settings: LibrarySettings, report: Callable[[Library], ActivityEvent] | None = None
    ) -> Library:
        stmt = insert(libraries).values(**_settings_values(settings)).returning(libraries)
        try:
            async with self._sessions.begin() as session:
                library = _library_of((await session.execute(stmt)).one())
                if report is not None:
                    await add_entry(session, report(library))
        except IntegrityError as exc:
            raise _name_taken(exc) from None
        return library

    async def save(self, library_id: UUID, settings: LibrarySettings) -> Library | None:
        stmt = (
            update(libraries)
            .where(libraries.c.id == library_id)
            .values(**_settings_values(settings))
        )
        try:
            async with self._sessions.begin() as session:
                changed = (await session.execute(stmt)).rowcount  # type: ignore[attr-defined]
        except IntegrityError as exc:
            raise _name_taken(exc) from None
        return await self.get(library_id) if changed else None

    async def delete(self, library_id: UUID, event: ActivityEvent) -> bool:
        stmt = delete(libraries).where(libraries.c.id == library_id)
        async with self._sessions.begin() as session:
            return await _changed(session, stmt, event)

    async def titles(self, library_id: UUID) -> LibraryTitles:
        async with self._sessions() as session:
            rows = (await session.execute(_TITLES, {"library_id": library_id})).all()
        of_kind = {kind: [row.id for row in rows if row.kind == kind] for kind in _KINDS}
        return LibraryTitles(of_kind["movie"], of_kind["series"], of_kind["person"])

    async def scans(self, library_id: UUID, limit: int, offset: int) -> ScanPage:
        of_library = library_scans.c.library_id == library_id
        page = (
            select(library_scans)
            .where(of_library)
            .order_by(library_scans.c.created_at.desc(), library_scans.c.id)
            .limit(limit)
            .offset(offset)
        )
        count = select(func.count()).select_from(library_scans).where(of_library)
        async with self._sessions() as session:
            rows = (await session.execute(page)).all()
            total = (await session.execute(count)).scalar_one()
        return ScanPage([_scan_of(row._mapping) for row in rows], total)

    async def grants(self, library_id: UUID) -> list[LibraryGrant]:
        stmt = (
            select(library_permissions)
            .where(library_permissions.c.library_id == library_id)
            .order_by(library_permissions.c.created_at, library_permissions.c.id)
        )
        async with self._sessions() as session:
            return [_grant_of(row) for row in await session.execute(stmt)]

    async def grant(
        self, library_id: UUID, user_id: UUID, access: Access, event: ActivityEvent
    ) -> LibraryGrant:
        async with self._sessions.begin() as session:
            row = await _granted(session, library_id, user_id, access)
            await add_entry(session, event)
        return _grant_of(row)

    async def revoke(
        self, library_id: UUID, user_id: UUID, access: Access, event: ActivityEvent
    ) -> bool:
        held = library_permissions.c
        stmt = delete(library_permissions).where(
            held.library_id == library_id, held.user_id == user_id, held.permission == access.value
        )
        async with self._sessions.begin() as session:
            return await _changed(session, stmt, event)

    async def _libraries(self, stmt: Select[Any]) -> list[Library]:
        async with self._sessions() as session:
            return [_library_of(row) for row in await session.execute(stmt)]
