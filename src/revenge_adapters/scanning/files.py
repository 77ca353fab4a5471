"""The `FileStates` port on PostgreSQL (`public.library_files`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import delete, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.scanning.scan_writes import RELAXED
from revenge_adapters.scanning.tables import library_files
from revenge_domain.scanning.model import FileStat, FileStatus, KnownFile

CHUNK = 2000
SAVE = text(
    """
    INSERT INTO public.library_files (library_id, path, size, mtime_ns, inode, status, error)
    VALUES (:library_id, :path, :size, :mtime_ns, :inode, :status, :error)
    ON CONFLICT (library_id, path) DO UPDATE SET size = EXCLUDED.size,
        mtime_ns = EXCLUDED.mtime_ns, inode = EXCLUDED.inode, status = EXCLUDED.status,
        error = EXCLUDED.error, updated_at = now()
    """
)
MAX_INODE = 2**63 - 1
# Rows locked by another instance's relay are skipped, not waited for (nor taken twice).
OVERDUE = text(
    """
    UPDATE public.library_files SET updated_at = now()
    WHERE (library_id, path) IN (
        SELECT library_id, path FROM public.library_files
        WHERE status = 'pending' AND updated_at < now() - make_interval(secs => :older_than_s)
        ORDER BY updated_at LIMIT :limit FOR UPDATE SKIP LOCKED)
    RETURNING library_id, path
    """
)


def _inode(value: int) -> int:
    return value if value <= MAX_INODE else value & MAX_INODE


def _known(row: Any) -> KnownFile:
    stat = FileStat(row.path, row.size, row.mtime_ns, row.inode)
    return KnownFile(stat, FileStatus(row.status), row.error)


def _values(library_id: UUID, file: KnownFile) -> dict[str, Any]:
    stat = file.stat
    return {
        "library_id": library_id,
        "path": stat.path,
        "size": stat.size,
        "mtime_ns": stat.mtime_ns,
        "inode": _inode(stat.inode),
        "status": file.status.value,
        "error": file.error,
    }


class PgFileStates:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def known(self, library_id: UUID) -> dict[str, KnownFile]:
        stmt = select(library_files).where(library_files.c.library_id == library_id)
        async with self._sessions() as session:
            return {row.path: _known(row) for row in await session.execute(stmt)}

    async def get(self, library_id: UUID, path: str) -> KnownFile | None:
        c = library_files.c
        stmt = select(library_files).where(c.library_id == library_id, c.path == path)
        async with self._sessions() as session:
            row = (await session.execute(stmt)).first()
        return _known(row) if row else None

    async def save(self, library_id: UUID, files: Sequence[KnownFile]) -> None:
        if not files:
            return
        async with self._sessions.begin() as session:
            await session.execute(RELAXED)
            await session.execute(SAVE, [_values(library_id, file) for file in files])

    async def moved(self, library_id: UUID, old_path: str, new: FileStat) -> None:
        c = library_files.c
        async with self._sessions.begin() as session:
            await session.execute(RELAXED)
            await session.execute(
                delete(library_files).where(c.library_id == library_id, c.path == new.path)
            )
            await session.execute(
                update(library_files)
                .where(c.library_id == library_id, c.path == old_path)
                .values(
                    path=new.path,
                    size=new.size,
                    mtime_ns=new.mtime_ns,
                    inode=_inode(new.inode),
                    # A moved file is matched again (its new name may name another title).
                    status=FileStatus.PENDING.value,
                    updated_at=func.now(),
                )
            )

    async def forget(self, library_id: UUID, paths: Sequence[str]) -> None:
        c = library_files.c
        async with self._sessions.begin() as session:
            await session.execute(RELAXED)
            for start in range(0, len(paths), CHUNK):
                chunk = list(paths[start : start + CHUNK])
                await session.execute(
                    delete(library_files).where(c.library_id == library_id, c.path.in_(chunk))
                )

    async def mark(
        self, library_id: UUID, path: str, status: FileStatus, error: str | None = None
    ) -> None:
        c = library_files.c
        async with self._sessions.begin() as session:
            await session.execute(RELAXED)
            await session.execute(
                update(library_files)
                .where(c.library_id == library_id, c.path == path)
                .values(status=status.value, error=error, updated_at=func.now())
            )

    async def overdue(self, older_than_s: float, limit: int) -> list[tuple[UUID, str]]:
        params = {"older_than_s": older_than_s, "limit": limit}
        async with self._sessions.begin() as session:
            rows = await session.execute(OVERDUE, params)
            return [(row.library_id, row.path) for row in rows]
