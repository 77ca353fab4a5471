"""In-memory ports of library scanning: a disk, sidecars, a prober, file state, scan records and
catalogue writers that keep movies and episodes in dictionaries."""

from __future__ import annotations

import posixpath
import re
import uuid
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime
from uuid import UUID

import attrs

from revenge_domain.libraries import LibraryScan
from revenge_domain.ports.catalog_changes import Entity
from revenge_domain.scanning.leases import stalled
from revenge_domain.scanning.model import (
    Artwork,
    CatalogDelta,
    EpisodeFacts,
    FileStat,
    FileStatus,
    KnownFile,
    MovieFacts,
    Nfo,
    ParsedName,
    Probe,
    ScanClaim,
    ScanCounts,
    VideoFile,
    WalkProblem,
)
from revenge_domain.scanning.naming import is_video
from revenge_domain.scanning.ports import WalkBatch


class FakeDisk:
    """Files by path, and paths that cannot be read; inodes are handed out like a file system's."""

    def __init__(self) -> None:
        self.files: dict[str, FileStat] = {}
        self.problems: dict[str, str] = {}
        self.walks = 0
        self._inode = 100

    def put(self, path: str, size: int = 1000, mtime_ns: int = 1) -> FileStat:
        self._inode += 1
        self.files[path] = FileStat(path, size, mtime_ns, self._inode)
        return self.files[path]

    def move(self, old: str, new: str) -> None:
        self.files[new] = attrs.evolve(self.files.pop(old), path=new)

    def walk(self, roots: Sequence[str]) -> AsyncIterator[WalkBatch]:
        self.walks += 1
        items: list[FileStat | WalkProblem] = [
            stat for path, stat in sorted(self.files.items()) if _below(path, roots)
        ]
        items += [WalkProblem(p, r) for p, r in self.problems.items() if _below(p, roots)]

        async def batches() -> AsyncIterator[WalkBatch]:
            for start in range(0, len(items), 2):
                yield items[start : start + 2]

        return batches()

    async def stat(self, path: str) -> FileStat | WalkProblem | None:
        return self.files.get(path) if is_video(path) else None


def _below(path: str, roots: Sequence[str]) -> bool:
    return any(path == root or path.startswith(root.rstrip("/") + "/") for root in roots)


_MOVIE = re.compile(r"^(?P<title>.+?) \((?P<year>\d{4})\)$")
_EPISODE = re.compile(r"[Ss](?P<season>\d+)(?P<episodes>(?:[Ee]\d+)+)")


class SimpleNames:
    """`Title (Year)` movies and `SxxEyy[Ezz]` episodes, nothing more."""

    async def movie(self, relative_path: str) -> ParsedName:
        stem = posixpath.splitext(posixpath.basename(relative_path))[0]
        found = _MOVIE.match(stem)
        if found is None:
            return ParsedName()
        return ParsedName(title=found["title"], year=int(found["year"]))

    async def episode(self, relative_path: str) -> ParsedName:
        found = _EPISODE.search(posixpath.basename(relative_path))
        if found is None:
            return ParsedName()
        numbers = tuple(int(n) for n in re.findall(r"\d+", found["episodes"]))
        return ParsedName(season=int(found["season"]), episodes=numbers)


@attrs.define
class FakeSidecars:
    nfos: dict[str, Nfo] = attrs.Factory(dict)
    images: set[str] = attrs.Factory(set)

    async def movie_nfo(self, video_path: str) -> Nfo | None:
        beside = posixpath.splitext(video_path)[0] + ".nfo"
        return self.nfos.get(beside) or self.nfos.get(
            posixpath.join(posixpath.dirname(video_path), "movie.nfo")
        )

    async def episode_nfo(self, video_path: str) -> Nfo | None:
        return self.nfos.get(posixpath.splitext(video_path)[0] + ".nfo")

    async def series_nfo(self, show_folder: str) -> Nfo | None:
        return self.nfos.get(posixpath.join(show_folder, "tvshow.nfo"))

    async def artwork(self, folder: str | None, video_path: str | None = None) -> Artwork:
        if folder is None:
            return Artwork()
        poster, fanart = f"{folder}/poster.jpg", f"{folder}/fanart.jpg"
        return Artwork(
            poster=poster if poster in self.images else None,
            fanart=fanart if fanart in self.images else None,
        )


@attrs.define
class FakeProber:
    answers: dict[str, Probe] = attrs.Factory(dict)
    probed: list[str] = attrs.Factory(list)

    async def probe(self, path: str) -> Probe:
        self.probed.append(path)
        return self.answers.get(path, Probe(error="unreadable"))


class FakeFileStates:
    def __init__(self) -> None:
        self.files: dict[UUID, dict[str, KnownFile]] = {}
        self.writes = 0

    async def known(self, library_id: UUID) -> dict[str, KnownFile]:
        return dict(self.files.get(library_id, {}))

    async def get(self, library_id: UUID, path: str) -> KnownFile | None:
        return self.files.get(library_id, {}).get(path)

    async def save(self, library_id: UUID, files: Sequence[KnownFile]) -> None:
        self.writes += bool(files)
        self.files.setdefault(library_id, {}).update({file.path: file for file in files})

    async def moved(self, library_id: UUID, old_path: str, new: FileStat) -> None:
        self.writes += 1
        known = self.files[library_id].pop(old_path)
        self.files[library_id][new.path] = attrs.evolve(known, stat=new, status=FileStatus.PENDING)

    async def forget(self, library_id: UUID, paths: Sequence[str]) -> None:
        self.writes += bool(paths)
        for path in paths:
            self.files.get(library_id, {}).pop(path, None)

    async def mark(
        self, library_id: UUID, path: str, status: FileStatus, error: str | None = None
    ) -> None:
        known = self.files[library_id][path]
        self.files[library_id][path] = attrs.evolve(known, status=status, error=error)

    async def overdue(self, older_than_s: float, limit: int) -> list[tuple[UUID, str]]:
        """Every pending file counts as overdue here (the fake keeps no times)."""
        pending = [
            (library_id, path)
            for library_id, files in self.files.items()
            for path, file in files.items()
            if file.status is FileStatus.PENDING
        ]
        return pending[:limit]


class FakeScanRecords:
    def __init__(self) -> None:
        self.scans: dict[UUID, LibraryScan] = {}
        self.problems: dict[UUID, list[WalkProblem]] = {}
        self.progress_reports = 0
        self.beats = 0

    async def create(self, library_id: UUID, scan_type: str) -> LibraryScan:
        scan = LibraryScan(uuid.uuid4(), library_id, scan_type, "pending", datetime.now(UTC))
        self.scans[scan.id] = scan
        return scan

    async def unfinished(self, library_id: UUID, since: datetime) -> LibraryScan | None:
        for scan in self.scans.values():
            live = scan.status in ("pending", "running") and scan.created_at > since
            if scan.library_id == library_id and live:
                return scan
        return None

    async def all_unfinished(self) -> list[LibraryScan]:
        return [scan for scan in self.scans.values() if scan.status in ("pending", "running")]

    async def claim(self, scan_id: UUID, lease_s: float) -> ScanClaim:
        scan = self.scans.get(scan_id)
        if scan is None or scan.status not in ("pending", "running"):
            return ScanClaim.DONE
        if scan.status == "running" and not stalled(scan, datetime.now(UTC), lease_s):
            return ScanClaim.BUSY
        self._set(scan_id, status="running", heartbeat_at=datetime.now(UTC))
        return ScanClaim.TAKEN

    async def beat(self, scan_id: UUID) -> None:
        self.beats += 1
        self._set(scan_id, heartbeat_at=datetime.now(UTC))

    async def rearm(self, scan_id: UUID) -> None:
        self._set(scan_id, status="pending", heartbeat_at=datetime.now(UTC))

    async def progress(self, scan_id: UUID, counts: ScanCounts) -> None:
        self.progress_reports += 1
        self._set(scan_id, **_counts(counts))

    async def report(self, scan_id: UUID, problems: Sequence[WalkProblem]) -> None:
        self.problems.setdefault(scan_id, []).extend(problems)

    async def finish(self, scan_id: UUID, counts: ScanCounts, message: str | None) -> None:
        self._set(scan_id, status="completed", error_message=message, **_counts(counts))

    async def fail(self, scan_id: UUID, counts: ScanCounts, message: str) -> None:
        self._set(scan_id, status="failed", error_message=message, **_counts(counts))

    async def discard(self, scan_id: UUID) -> None:
        del self.scans[scan_id]

    def _set(self, scan_id: UUID, **values: object) -> None:
        self.scans[scan_id] = attrs.evolve(self.scans[scan_id], **values)


def _counts(counts: ScanCounts) -> dict[str, int]:
    return {
        "items_scanned": counts.seen,
        "items_added": counts.added,
        "items_updated": counts.changed,
        "items_removed": counts.removed,
        "error_count": counts.errors,
    }


@attrs.define
class StoredMovie:
    id: UUID
    facts: MovieFacts
    removed: bool = False


class FakeMovieWriter:
    def __init__(self) -> None:
        self.movies: dict[UUID, StoredMovie] = {}
        self.files: dict[str, tuple[UUID, VideoFile]] = {}

    def live_titles(self) -> set[str]:
        return {movie.facts.title for movie in self.movies.values() if not movie.removed}

    def movie_of(self, path: str) -> StoredMovie:
        return self.movies[self.files[path][0]]

    async def place(self, facts: MovieFacts, file: VideoFile) -> CatalogDelta:
        delta = CatalogDelta()
        found = next(
            (
                m
                for m in self.movies.values()
                if (m.facts.title, m.facts.year) == (facts.title, facts.year)
            ),
            None,
        )
        if found is None:
            found = StoredMovie(uuid.uuid4(), facts)
            self.movies[found.id] = found
            delta.created_movies.add(found.id)
        found.removed = False
        old = self.files.get(file.stat.path)
        self.files[file.stat.path] = (found.id, file)
        if old is not None and old[0] != found.id:
            self._retire(old[0], delta)
        delta.change(Entity.MOVIE, [found.id])
        return delta

    async def remove_file(self, path: str) -> CatalogDelta:
        delta = CatalogDelta()
        owner = self.files.pop(path, None)
        if owner is not None:
            self._retire(owner[0], delta)
        return delta

    async def move_file(self, old_path: str, new: FileStat) -> CatalogDelta:
        delta = CatalogDelta()
        if old_path in self.files:
            movie_id, file = self.files.pop(old_path)
            self.files[new.path] = (movie_id, attrs.evolve(file, stat=new))
            delta.change(Entity.MOVIE, [movie_id])
        return delta

    def _retire(self, movie_id: UUID, delta: CatalogDelta) -> None:
        if any(owner == movie_id for owner, _ in self.files.values()):
            delta.change(Entity.MOVIE, [movie_id])
        else:
            self.movies[movie_id].removed = True
            delta.remove(Entity.MOVIE, [movie_id])


class FakeEpisodeWriter:
    """Series by title; each file holds (series title, season, episode numbers)."""

    def __init__(self) -> None:
        self.series: dict[str, UUID] = {}
        self.files: dict[str, EpisodeFacts] = {}

    def episodes(self) -> set[tuple[str, int, int]]:
        return {
            (facts.series.title, facts.season, number)
            for facts in self.files.values()
            for number in facts.episodes
        }

    async def place(self, facts: EpisodeFacts, file: VideoFile) -> CatalogDelta:
        delta = CatalogDelta()
        if facts.series.title not in self.series:
            self.series[facts.series.title] = uuid.uuid4()
            delta.created_series.add(self.series[facts.series.title])
        self.files[file.stat.path] = facts
        delta.change(Entity.SERIES, [self.series[facts.series.title]])
        return delta

    async def remove_file(self, path: str) -> CatalogDelta:
        delta = CatalogDelta()
        facts = self.files.pop(path, None)
        if facts is not None:
            delta.change(Entity.SERIES, [self.series[facts.series.title]])
        return delta

    async def move_file(self, old_path: str, new: FileStat) -> CatalogDelta:
        if old_path in self.files:
            self.files[new.path] = self.files.pop(old_path)
        return CatalogDelta()
