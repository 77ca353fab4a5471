"""Scanning a library: walk its folders, compare with what the last scan saw, and bring the
catalogue in step (new and changed files are matched by jobs, moves and removals at once)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import posixpath
import time
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from uuid import UUID

import attrs

from revenge_domain.libraries import Library, LibraryStore
from revenge_domain.ports.jobs import JobQueue
from revenge_domain.scanning.leases import BEAT_S, LEASE_S, match_job
from revenge_domain.scanning.matching import MatchFile
from revenge_domain.scanning.model import (
    CatalogDelta,
    FileStat,
    FileStatus,
    KnownFile,
    ScanClaim,
    ScanCounts,
    WalkProblem,
)
from revenge_domain.scanning.ports import FileStates, FolderWalker, ScanRecords

log = logging.getLogger(__name__)
MAX_MESSAGE_PROBLEMS = 5


def pair_moves(
    found: Iterable[FileStat], missing: Iterable[KnownFile]
) -> list[tuple[KnownFile, FileStat]]:
    """New paths that are missing files moved: the same inode and size, or the same size and
    file name in another folder."""
    by_inode = {known.stat.inode: known for known in missing if known.stat.inode}
    by_name = {(k.stat.size, posixpath.basename(k.path)): k for k in missing}
    pairs, used = [], set()
    for stat in found:
        old = by_inode.get(stat.inode) if stat.inode else None
        if old is None or old.stat.size != stat.size:
            old = by_name.get((stat.size, posixpath.basename(stat.path)))
        if old is not None and old.path not in used:
            used.add(old.path)
            pairs.append((old, stat))
    return pairs


def under(path: str, folders: Iterable[str]) -> bool:
    return any(path == folder or path.startswith(folder.rstrip("/") + "/") for folder in folders)


def problems_message(problems: Sequence[WalkProblem]) -> str | None:
    if not problems:
        return None
    shown = "; ".join(f"{p.path}: {p.reason}" for p in problems[:MAX_MESSAGE_PROBLEMS])
    more = len(problems) - MAX_MESSAGE_PROBLEMS
    suffix = f" (and {more} more)" if more > 0 else ""
    return f"{len(problems)} path(s) could not be read: {shown}{suffix}"


@attrs.define
class _Walked:
    found: dict[str, FileStat] = attrs.Factory(dict)
    problems: list[WalkProblem] = attrs.Factory(list)


@attrs.frozen
class FileChanges:
    """Applies what changed on disk: moves and removals at once; what is left to match goes
    back to the caller (scans queue match jobs, folder watchers match at once)."""

    files: FileStates
    match: MatchFile

    async def apply(
        self,
        library: Library,
        found: Sequence[FileStat],
        missing: Sequence[KnownFile],
        counts: ScanCounts,
    ) -> tuple[list[FileStat], list[FileStat], CatalogDelta]:
        """(new files, moved files) still to match; moves and removals are done and counted.
        A moved file is matched again: its new name may name another title."""
        writer, delta = self.match.writer(library), CatalogDelta()
        moves = pair_moves(found, missing)
        for old, new in moves:
            delta.absorb(await writer.move_file(old.path, new))
            await self.files.moved(library.id, old.path, new)
        counts.changed += len(moves)
        moved_to = {new.path for _, new in moves}
        moved_from = {old.path for old, _ in moves}
        gone = [known.path for known in missing if known.path not in moved_from]
        for path in gone:
            delta.absorb(await writer.remove_file(path))
        await self.files.forget(library.id, gone)
        counts.removed += len(gone)
        fresh = [stat for stat in found if stat.path not in moved_to]
        return fresh, [new for _, new in moves], delta


@attrs.frozen
class ScanLibrary:
    """One scan of a library; returns its counts (None when the library is gone, or when the
    scan is finished or run by another live job). The run holds the scan's lease while it
    works: a run that dies leaves a scan that the next claim takes over."""

    libraries: LibraryStore
    records: ScanRecords
    files: FileStates
    walker: FolderWalker
    changes: FileChanges
    jobs: JobQueue
    progress_every_s: float = 2.0
    clock: Callable[[], float] = time.monotonic
    lease_s: float = LEASE_S
    beat_s: float = BEAT_S

    async def __call__(
        self, library_id: UUID, scan_id: UUID | None = None, force: bool = False
    ) -> ScanCounts | None:
        library = await self.libraries.get(library_id)
        if library is None:
            return None
        if scan_id is None:
            scan_id = (await self.records.create(library_id, "full" if force else "incremental")).id
        if await self.records.claim(scan_id, self.lease_s) is not ScanClaim.TAKEN:
            return None
        async with self._beating(scan_id):
            return await self._scan(library, scan_id, force)

    async def _scan(self, library: Library, scan_id: UUID, force: bool) -> ScanCounts:
        counts = ScanCounts()
        try:
            walked = await self._walk(library, scan_id, counts)
            await self._apply(library, scan_id, walked, counts, force)
        except Exception as exc:
            await self.records.fail(scan_id, counts, f"scan failed: {exc}")
            raise
        await self.records.finish(scan_id, counts, problems_message(walked.problems))
        return counts

    @contextlib.asynccontextmanager
    async def _beating(self, scan_id: UUID) -> AsyncIterator[None]:
        async def beat() -> None:
            while True:
                await asyncio.sleep(self.beat_s)
                try:
                    await self.records.beat(scan_id)
                except Exception:
                    log.warning("scan heartbeat failed", exc_info=True)

        task = asyncio.create_task(beat())
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _walk(self, library: Library, scan_id: UUID, counts: ScanCounts) -> _Walked:
        walked, last = _Walked(), self.clock()
        async for batch in self.walker.walk(library.settings.paths):
            problems = [item for item in batch if isinstance(item, WalkProblem)]
            for item in batch:
                if isinstance(item, FileStat):
                    walked.found[item.path] = item
            counts.seen += len(batch) - len(problems)
            counts.errors += len(problems)
            if problems:
                walked.problems.extend(problems)
                await self.records.report(scan_id, problems)
            if self.clock() - last >= self.progress_every_s:
                await self.records.progress(scan_id, counts)
                last = self.clock()
        return walked

    async def _apply(
        self, library: Library, scan_id: UUID, walked: _Walked, counts: ScanCounts, force: bool
    ) -> None:
        known = await self.files.known(library.id)
        unreadable = [problem.path for problem in walked.problems]
        missing = [
            file
            for path, file in known.items()
            if path not in walked.found and not under(path, unreadable)
        ]
        new = [stat for path, stat in walked.found.items() if path not in known]
        changed = [
            stat
            for path, stat in walked.found.items()
            if path in known and (stat.differs_from(known[path].stat) or force)
        ]
        # Files a dead run saved but never saw matched: their match is due still.
        left = [
            stat
            for path, stat in walked.found.items()
            if path in known
            and known[path].status is FileStatus.PENDING
            and not (stat.differs_from(known[path].stat) or force)
        ]
        new, moved, delta = await self.changes.apply(library, new, missing, counts)
        counts.added += len(new)
        counts.changed += sum(1 for stat in changed if stat.differs_from(known[stat.path].stat))
        # Saved as pending before any job is queued: the row is the match still to do.
        await self.files.save(library.id, [KnownFile(stat) for stat in (*new, *changed)])
        await self.changes.match.report(delta)
        for stat in (*new, *moved, *changed, *left):
            await self.jobs.enqueue(match_job(library, stat.path, scan_id))


@attrs.frozen
class FolderChanges:
    """What a folder watcher saw: paths added or modified, and paths deleted (files or whole
    folders). Renames arrive as a deletion and an addition and are kept as moves."""

    changes: FileChanges
    walker: FolderWalker

    async def __call__(
        self, library: Library, touched: Sequence[str], deleted: Sequence[str]
    ) -> ScanCounts:
        counts = ScanCounts()
        files = self.changes.files
        known = await files.known(library.id)
        missing = [file for path, file in known.items() if under(path, deleted)]
        found: list[FileStat] = []
        async for batch in self.walker.walk(touched):
            found.extend(item for item in batch if isinstance(item, FileStat))
        fresh = [s for s in found if s.path not in known or s.differs_from(known[s.path].stat)]
        fresh, moved, delta = await self.changes.apply(library, fresh, missing, counts)
        # Pending first: a watcher that dies before matching leaves the match to the relay.
        await files.save(library.id, [KnownFile(stat) for stat in fresh])
        await self.changes.match.report(delta)
        for stat in (*fresh, *moved):
            status = await self.changes.match.match(library, stat.path, force=True)
            if status is FileStatus.MATCHED:
                counts.added += 1
        return counts
