"""The `ScanRecords` port on PostgreSQL: rows of `public.library_scans` and their problems."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.libraries.store import _scan_of
from revenge_adapters.libraries.tables import library_scans
from revenge_adapters.scanning.tables import library_scan_problems
from revenge_domain.libraries import LibraryScan
from revenge_domain.scanning.model import ScanClaim, ScanCounts, WalkProblem

UNFINISHED = ("pending", "running")
# A pending scan, or a running one whose run has not beaten within the lease, is taken.
CLAIM = text(
    """
    UPDATE public.library_scans SET status = 'running', heartbeat_at = now(),
        started_at = coalesce(started_at, now())
    WHERE id = :id AND (status = 'pending' OR (status = 'running'
        AND coalesce(heartbeat_at, started_at, created_at)
            < now() - make_interval(secs => :lease_s)))
    RETURNING id
    """
)


def _counts(counts: ScanCounts) -> dict[str, int]:
    return {
        "items_scanned": counts.seen,
        "items_added": counts.added,
        "items_updated": counts.changed,
        "items_removed": counts.removed,
        "errors_count": counts.errors,
    }


class PgScanRecords:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def create(self, library_id: UUID, scan_type: str) -> LibraryScan:
        stmt = (
            insert(library_scans)
            .values(library_id=library_id, scan_type=scan_type, status="pending")
            .returning(library_scans)
        )
        async with self._sessions.begin() as session:
            row = (await session.execute(stmt)).one()
        return _scan_of(row._mapping)

    async def unfinished(self, library_id: UUID, since: datetime) -> LibraryScan | None:
        c = library_scans.c
        stmt = (
            select(library_scans)
            .where(c.library_id == library_id, c.status.in_(UNFINISHED), c.created_at > since)
            .order_by(c.created_at.desc())
            .limit(1)
        )
        async with self._sessions() as session:
            row = (await session.execute(stmt)).first()
        return _scan_of(row._mapping) if row else None

    async def all_unfinished(self) -> list[LibraryScan]:
        c = library_scans.c
        stmt = select(library_scans).where(c.status.in_(UNFINISHED)).order_by(c.created_at)
        async with self._sessions() as session:
            return [_scan_of(row._mapping) for row in await session.execute(stmt)]

    async def claim(self, scan_id: UUID, lease_s: float) -> ScanClaim:
        async with self._sessions.begin() as session:
            taken = (await session.execute(CLAIM, {"id": scan_id, "lease_s": lease_s})).first()
            if taken is not None:
                return ScanClaim.TAKEN
            status = await session.scalar(
                select(library_scans.c.status).where(library_scans.c.id == scan_id)
            )
        return ScanClaim.BUSY if status in UNFINISHED else ScanClaim.DONE

    async def beat(self, scan_id: UUID) -> None:
        c = library_scans.c
        stmt = (
            update(library_scans)
            .where(c.id == scan_id, c.status == "running")
            .values(heartbeat_at=func.now())
        )
        async with self._sessions.begin() as session:
            await session.execute(stmt)

    async def rearm(self, scan_id: UUID) -> None:
        c = library_scans.c
        stmt = (
            update(library_scans)
            .where(c.id == scan_id, c.status.in_(UNFINISHED))
            .values(status="pending", heartbeat_at=func.now())
        )
        async with self._sessions.begin() as session:
            await session.execute(stmt)

    async def progress(self, scan_id: UUID, counts: ScanCounts) -> None:
        await self._set(scan_id, **_counts(counts))

    async def report(self, scan_id: UUID, problems: Sequence[WalkProblem]) -> None:
        rows = [{"scan_id": scan_id, "path": p.path, "reason": p.reason} for p in problems]
        async with self._sessions.begin() as session:
            await session.execute(insert(library_scan_problems), rows)

    async def finish(self, scan_id: UUID, counts: ScanCounts, message: str | None) -> None:
        await self._end(scan_id, "completed", counts, message)

    async def fail(self, scan_id: UUID, counts: ScanCounts, message: str) -> None:
        await self._end(scan_id, "failed", counts, message)

    async def discard(self, scan_id: UUID) -> None:
        async with self._sessions.begin() as session:
            await session.execute(delete(library_scans).where(library_scans.c.id == scan_id))

    async def problems(self, scan_id: UUID) -> list[WalkProblem]:
        c = library_scan_problems.c
        stmt = select(c.path, c.reason).where(c.scan_id == scan_id).order_by(c.id)
        async with self._sessions() as session:
            return [WalkProblem(row.path, row.reason) for row in await session.execute(stmt)]

    async def _end(
        self, scan_id: UUID, status: str, counts: ScanCounts, message: str | None
    ) -> None:
        c = library_scans.c
        elapsed = func.extract("epoch", func.now() - func.coalesce(c.started_at, func.now()))
        await self._set(
            scan_id,
            status=status,
            error_message=message,
            completed_at=func.now(),
            duration_seconds=func.round(elapsed),
            **_counts(counts),
        )

    async def _set(self, scan_id: UUID, **values: object) -> None:
        stmt = update(library_scans).where(library_scans.c.id == scan_id).values(**values)
        async with self._sessions.begin() as session:
            await session.execute(stmt)
