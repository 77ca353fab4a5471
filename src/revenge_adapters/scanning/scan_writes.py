"""What scans write, shared by the movie and the episode writers: the relaxed commit, and a file
row moved to a new path."""

from __future__ import annotations

import posixpath

from sqlalchemy import TextClause, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_domain.ports.catalog_changes import Entity
from revenge_domain.scanning.model import CatalogDelta, FileStat

# What scans write is derived from the disk and rebuilt by the next scan: a crash may lose the
# last moments of it, and in exchange no commit waits for the disk (scans commit per file).
RELAXED = text("SET LOCAL synchronous_commit TO off")


async def move_file_row(
    sessions: async_sessionmaker[AsyncSession],
    statements: tuple[TextClause, TextClause],
    owner: Entity,
    old_path: str,
    new: FileStat,
) -> CatalogDelta:
    """Move the row at `old_path` to `new` (dropping a row already there); `statements` delete
    the row at `:path` and move the row from `:old_path` returning its owner's id."""
    drop_at, move = statements
    values = {
        "old_path": old_path,
        "new_path": new.path,
        "name": posixpath.basename(new.path),
        "size": new.size,
    }
    async with sessions.begin() as session:
        await session.execute(RELAXED)
        await session.execute(drop_at, {"path": new.path})
        moved = (await session.execute(move, values)).scalar_one_or_none()
    delta = CatalogDelta()
    if moved is not None:
        delta.change(owner, [moved])
    return delta
