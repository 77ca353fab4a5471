"""Scans that survive a dead run: pending files finish on any rerun, leases decide who scans,
stalled scans are taken over, and the relay queues matches a lost queue dropped."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime, timedelta

import attrs
import pytest

from revenge_domain.errors import Conflict
from revenge_domain.identity.access import AuthMethod, Principal
from revenge_domain.identity.rbac import DEFAULT_GRANTS
from revenge_domain.libraries import LibraryScan
from revenge_domain.ports.catalog_changes import Entity
from revenge_domain.scanning.jobs import MovieFileMatch, MovieLibraryScan
from revenge_domain.scanning.leases import LEASE_S, RecoverScanning, TakeOver, stalled
from revenge_domain.scanning.model import FileStatus, KnownFile, ScanClaim
from revenge_domain.scanning.ports import WalkBatch
from revenge_domain.scanning.scan import ScanLibrary
from tests.unit.fakes.jobs import FakeJobQueue
from tests.unit.scanning.world import MOVIES, World

MATRIX = f"{MOVIES}/The Matrix (1999)/The Matrix (1999).mkv"
HEAT = f"{MOVIES}/Heat (1995).mkv"
ADMIN = Principal(
    uuid.uuid4(), "admin", frozenset({"admin"}), DEFAULT_GRANTS["admin"], None, AuthMethod.BEARER
)


def recovery(world: World) -> RecoverScanning:
    take_over = TakeOver(world.records, world.queue)
    return RecoverScanning(world.libraries, world.records, world.files, world.queue, take_over)


def silent_for(scan: LibraryScan, seconds: float) -> LibraryScan:
    ago = datetime.now(UTC) - timedelta(seconds=seconds)
    return attrs.evolve(scan, status="running", heartbeat_at=ago, created_at=ago)


async def test_a_rerun_matches_files_a_dead_run_saved_but_never_matched() -> None:
    world = World()
    library = await world.library()
    world.disk.put(MATRIX)
    heat = world.disk.put(HEAT)
    # The dead run saved both files as pending, then died before queueing their matches.
    await world.files.save(library.id, [KnownFile(world.disk.files[MATRIX]), KnownFile(heat)])

    await world.scanning.scan_library(library.id)

    assert world.movies.live_titles() == {"The Matrix", "Heat"}
    statuses = {known.status for known in (await world.files.known(library.id)).values()}
    assert statuses == {FileStatus.MATCHED}


async def test_a_scan_run_by_a_live_job_is_left_to_it() -> None:
    world = World()
    library = await world.library()
    world.disk.put(HEAT)
    scan = await world.records.create(library.id, "incremental")
    assert await world.records.claim(scan.id, 30) is ScanClaim.TAKEN

    assert await world.scanning.scan_library(library.id, scan.id) is None

    assert world.movies.live_titles() == set()
    assert world.records.scans[scan.id].status == "running"


async def test_a_scan_whose_run_stopped_beating_is_taken_over_and_a_finished_one_is_not() -> None:
    world = World()
    library = await world.library()
    world.disk.put(HEAT)
    scan = await world.records.create(library.id, "incremental")
    world.records.scans[scan.id] = silent_for(scan, 60)

    counts = await world.scanning.scan_library(library.id, scan.id)

    assert counts is not None
    assert counts.added == 1
    assert world.records.scans[scan.id].status == "completed"
    assert await world.scanning.scan_library(library.id, scan.id) is None


@attrs.define
class SlowDisk:
    """Walks the world's disk, waiting `pause_s` before the batch."""

    world: World
    pause_s: float

    def walk(self, roots: Sequence[str]) -> AsyncIterator[WalkBatch]:
        async def batches() -> AsyncIterator[WalkBatch]:
            await asyncio.sleep(self.pause_s)
            async for batch in self.world.disk.walk(roots):
                yield batch

        return batches()

    async def stat(self, path: str) -> object:
        return await self.world.disk.stat(path)


async def test_a_running_scan_beats_while_it_works() -> None:
    world = World()
    library = await world.library()
    world.disk.put(HEAT)
    plain = world.scanning.scan_library
    slow = ScanLibrary(
        plain.libraries,
        plain.records,
        plain.files,
        SlowDisk(world, 0.25),  # type: ignore[arg-type]
        plain.changes,
        plain.jobs,
        beat_s=0.05,
    )

    await slow(library.id)

    assert world.records.beats >= 3


async def test_asking_for_a_scan_while_a_dead_run_holds_one_takes_it_over() -> None:
    world = World()
    library = await world.library()
    scan = await world.records.create(library.id, "incremental")
    world.records.scans[scan.id] = silent_for(scan, 60)
    world.disk.put(HEAT)

    answered = await world.scanning.scans.trigger(ADMIN, library.id, "full")

    assert answered.id == scan.id
    (job,) = world.queue.enqueued[:1]
    assert isinstance(job, MovieLibraryScan)
    assert job.scan_id == scan.id
    assert job.takeover > 0
    assert world.records.scans[scan.id].status == "completed"
    assert world.movies.live_titles() == {"Heat"}


async def test_asking_while_a_live_run_scans_names_that_scan() -> None:
    world = World()
    library = await world.library()
    scan = await world.records.create(library.id, "incremental")
    await world.records.claim(scan.id, 30)

    with pytest.raises(Conflict) as raised:
        await world.scanning.scans.trigger(ADMIN, library.id, "incremental")

    assert raised.value.details == {"scan_id": str(scan.id), "status": "running"}


def test_a_scan_is_stalled_after_its_lease_or_a_long_wait_in_the_queue() -> None:
    now = datetime.now(UTC)
    fresh = LibraryScan(uuid.uuid4(), uuid.uuid4(), "incremental", "pending", now)
    assert not stalled(fresh, now)
    assert stalled(fresh, now + timedelta(minutes=5))
    running = attrs.evolve(fresh, status="running", heartbeat_at=now)
    assert not stalled(running, now + timedelta(seconds=LEASE_S - 1))
    assert stalled(running, now + timedelta(seconds=LEASE_S + 1))
    assert not stalled(attrs.evolve(running, status="completed"), now + timedelta(days=1))


async def test_the_relay_takes_over_stalled_scans_and_queues_lost_matches() -> None:
    world = World()
    library = await world.library()
    world.disk.put(HEAT)
    world.disk.put(MATRIX)
    scan = await world.records.create(library.id, "incremental")
    world.records.scans[scan.id] = silent_for(scan, 60)
    other = await world.library(name="Other")
    live = await world.records.create(other.id, "incremental")
    await world.records.claim(live.id, 30)
    # A file of the other library whose match job was lost with the queue.
    await world.files.save(other.id, [KnownFile(world.disk.files[MATRIX])])

    taken, queued, _ = await recovery(world)()

    assert (taken, queued) == (1, 1)
    assert MovieFileMatch(other.id, MATRIX, force_rematch=True) in world.queue.enqueued
    assert world.records.scans[scan.id].status == "completed"
    assert world.records.scans[live.id].status == "running"
    matched = await world.files.get(other.id, MATRIX)
    assert matched is not None
    assert matched.status is FileStatus.MATCHED


async def test_a_watcher_saves_new_files_as_pending_before_matching_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    world = World()
    library = await world.library()
    world.disk.put(HEAT)

    async def dies(*args: object) -> None:
        raise RuntimeError("the process died here")

    monkeypatch.setattr(world.movies, "place", dies)

    with pytest.raises(RuntimeError):
        await world.scanning.folder_changes(library, [HEAT], [])

    known = await world.files.known(library.id)
    assert known[HEAT].status is FileStatus.PENDING


async def test_a_taken_over_scan_queues_no_match_twice() -> None:
    world = World()
    library = await world.library()
    world.disk.put(HEAT)
    world.disk.put(MATRIX)
    queue = FakeJobQueue()  # keeps the jobs: the dead run's matches are still queued
    plain = world.scanning.scan_library
    scan_library = attrs.evolve(plain, jobs=queue)
    scan = await world.records.create(library.id, "incremental")
    await scan_library(library.id, scan.id)
    # The run died before it could say so: the scan looks as a dead run leaves it.
    world.records.scans[scan.id] = silent_for(world.records.scans[scan.id], 60)

    await scan_library(library.id, scan.id)

    matches = [job.file_path for job in queue.enqueued if isinstance(job, MovieFileMatch)]
    assert sorted(matches) == sorted([MATRIX, HEAT])


async def test_followers_hear_of_a_match_before_its_file_stops_being_pending(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    world = World()
    library = await world.library()
    world.disk.put(HEAT)
    save = world.files.save

    async def dies_on_matched(library_id: uuid.UUID, files: Sequence[KnownFile]) -> None:
        if any(file.status is FileStatus.MATCHED for file in files):
            raise RuntimeError("the process died here")
        await save(library_id, files)

    monkeypatch.setattr(world.files, "save", dies_on_matched)

    with pytest.raises(RuntimeError):
        await world.scanning.folder_changes(library, [HEAT], [])

    (movie_id,) = world.movies.movies
    assert ("changed", Entity.MOVIE, [movie_id]) in world.changes.reports
    known = await world.files.get(library.id, HEAT)
    assert known is not None
    assert known.status is FileStatus.PENDING
