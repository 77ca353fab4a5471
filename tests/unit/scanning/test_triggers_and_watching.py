"""Starting scans (API, start-up, periodic) and following folder watchers."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Sequence

import attrs
import pytest

from revenge_domain.errors import Conflict, NotFound, PermissionDenied
from revenge_domain.identity.access import AuthMethod, Principal
from revenge_domain.identity.rbac import DEFAULT_GRANTS
from revenge_domain.jobs import JobQueueUnavailable
from revenge_domain.libraries import LibraryType
from revenge_domain.scanning import FileChanges, FolderChanges
from revenge_domain.scanning.jobs import (
    MovieLibraryScan,
    PeriodicLibraryScan,
    TVShowLibraryScan,
)
from revenge_domain.scanning.model import FileStat, KnownFile
from revenge_domain.scanning.ports import FolderEvents
from revenge_domain.scanning.realtime import WatchLibraries
from revenge_domain.scanning.scan import pair_moves
from tests.unit.fakes.events import InMemoryEventBus
from tests.unit.scanning.world import MOVIES, World
from tests.unit.whole_app import app_schedule, unit_config


def principal(role: str) -> Principal:
    return Principal(
        uuid.uuid4(), role, frozenset({role}), DEFAULT_GRANTS[role], None, AuthMethod.BEARER
    )


async def test_an_administrator_queues_a_scan_of_the_right_kind() -> None:
    world = World()
    movies = await world.library()
    shows = await world.library(LibraryType.TVSHOW)

    scan = await world.scanning.scans.trigger(principal("admin"), movies.id, "full")
    await world.scanning.scans.trigger(principal("admin"), shows.id, "incremental")

    assert world.queue.enqueued[0] == MovieLibraryScan(movies.id, scan.id, force=True)
    assert isinstance(world.queue.enqueued[1], TVShowLibraryScan)
    assert world.records.scans[scan.id].status == "completed"


async def test_users_may_not_scan_and_unknown_libraries_are_not_found() -> None:
    world = World()
    library = await world.library()
    with pytest.raises(PermissionDenied):
        await world.scanning.scans.trigger(principal("user"), library.id, "full")
    with pytest.raises(NotFound):
        await world.scanning.scans.trigger(principal("admin"), uuid.uuid4(), "full")
    assert world.queue.enqueued == []


async def test_one_scan_of_a_library_at_a_time() -> None:
    world = World()
    library = await world.library()
    await world.records.create(library.id, "incremental")
    with pytest.raises(Conflict):
        await world.scanning.scans.trigger(principal("moderator"), library.id, "incremental")


async def test_a_scan_the_job_queue_refused_leaves_no_record() -> None:
    world = World()
    library = await world.library()

    async def unreachable(job: object, *, delay_s: float = 0) -> str:
        raise JobQueueUnavailable("the job queue cannot be reached")

    world.queue.enqueue = unreachable  # type: ignore[method-assign]
    with pytest.raises(JobQueueUnavailable):
        await world.scanning.scans.trigger(principal("admin"), library.id, "full")

    assert world.records.scans == {}


async def test_start_up_scans_only_scan_libraries_that_ask_for_it() -> None:
    world = World()
    wanted = await world.library(scan_on_startup=True)
    await world.library(LibraryType.TVSHOW)
    await world.libraries.add(
        attrs.evolve(wanted.settings, name="Off", scan_on_startup=True, enabled=False)
    )

    queued = await world.scanning.scans.scan_enabled(on_startup_only=True)

    assert [scan.library_id for scan in queued] == [wanted.id]


async def test_the_periodic_job_scans_every_enabled_library() -> None:
    world = World()
    await world.library()
    await world.library(LibraryType.TVSHOW)

    await world.queue.enqueue(PeriodicLibraryScan())

    kinds = sorted(job.kind for job in world.queue.enqueued)
    assert kinds == ["movie_library_scan", "periodic_library_scan", "tvshow_library_scan"]


def test_moves_pair_by_inode_and_size_or_by_name_and_size() -> None:
    old_a = KnownFile(FileStat("/m/a/One.mkv", 10, 1, 5))
    old_b = KnownFile(FileStat("/m/a/Two.mkv", 20, 1, 6))
    old_c = KnownFile(FileStat("/m/a/Three.mkv", 30, 1, 7))
    found = [
        FileStat("/m/b/Renamed.mkv", 10, 2, 5),
        FileStat("/m/b/Two.mkv", 20, 2, 99),
        FileStat("/m/b/Three.mkv", 31, 2, 98),
    ]
    pairs = pair_moves(found, [old_a, old_b, old_c])
    assert [(old.path, new.path) for old, new in pairs] == [
        ("/m/a/One.mkv", "/m/b/Renamed.mkv"),
        ("/m/a/Two.mkv", "/m/b/Two.mkv"),
    ]


@attrs.define
class ScriptedWatcher:
    """Hands out the given events once per library folder, then waits for stop."""

    events: list[FolderEvents]
    watching: list[tuple[str, ...]] = attrs.Factory(list)

    def changes(self, roots: Sequence[str], stop: asyncio.Event) -> AsyncIterator[FolderEvents]:
        self.watching.append(tuple(roots))
        events, self.events = self.events, []

        async def run() -> AsyncIterator[FolderEvents]:
            for event in events:
                yield event
            await stop.wait()

        return run()


async def test_watchers_follow_monitored_libraries_and_apply_what_they_see() -> None:
    world = World()
    library = await world.library(realtime_monitoring=True)
    await world.library(LibraryType.TVSHOW)
    world.disk.put(f"{MOVIES}/Heat (1995).mkv")
    watcher = ScriptedWatcher([([f"{MOVIES}/Heat (1995).mkv"], [])])
    watching = WatchLibraries(world.libraries, watcher, world.scanning.folder_changes, 0.01)
    stop = asyncio.Event()
    task = asyncio.create_task(watching.run(stop))
    for _ in range(100):
        if world.movies.live_titles():
            break
        await asyncio.sleep(0.01)

    assert watching.watched == {library.id}
    assert world.movies.live_titles() == {"Heat"}
    await world.libraries.save(library.id, library.settings)  # a new updated_at, same settings
    await watching.refresh()
    assert watcher.watching == [(MOVIES,)]  # not restarted
    await world.libraries.save(
        library.id, attrs.evolve(library.settings, realtime_monitoring=False)
    )
    await watching.refresh()
    assert watching.watched == set()
    stop.set()
    await task
    assert watcher.watching == [(MOVIES,)]


async def test_a_rename_seen_by_a_watcher_is_a_move_and_a_deletion_a_removal() -> None:
    world = World()
    library = await world.library(realtime_monitoring=True)
    world.disk.put(f"{MOVIES}/Heat (1995).mkv")
    await world.scanning.scan_library(library.id)
    apply = world.scanning.folder_changes

    world.disk.move(f"{MOVIES}/Heat (1995).mkv", f"{MOVIES}/Heat (1996).mkv")
    counts = await apply(library, [f"{MOVIES}/Heat (1996).mkv"], [f"{MOVIES}/Heat (1995).mkv"])
    assert counts.changed == 1
    assert world.movies.live_titles() == {"Heat"}
    assert world.movies.movie_of(f"{MOVIES}/Heat (1996).mkv").facts.year == 1996

    del world.disk.files[f"{MOVIES}/Heat (1996).mkv"]
    counts = await apply(library, [], [MOVIES])
    assert counts.removed == 1
    assert world.movies.live_titles() == set()


async def test_the_periodic_scan_is_scheduled_unless_turned_off() -> None:
    config = unit_config(scanning__interval_s=3600.0)
    (entry,) = [job for job in app_schedule(config) if job.id == "periodic_library_scan"]
    assert (entry.interval_s, entry.make()) == (3600.0, PeriodicLibraryScan())
    off = unit_config(scanning__interval_s=0)
    assert "periodic_library_scan" not in {job.id for job in app_schedule(off)}


async def test_woken_watchers_follow_a_new_library_at_once_and_catch_up_with_a_scan() -> None:
    world = World()
    watcher = ScriptedWatcher([])
    watching = WatchLibraries(
        world.libraries,
        watcher,
        world.scanning.folder_changes,
        refresh_s=3600.0,
        catch_up=world.scanning.scans.catch_up,
        settle_s=0.01,
    )
    stop = asyncio.Event()
    task = asyncio.create_task(watching.run(stop))
    await asyncio.sleep(0.02)
    # Written before anyone watched the folder: the catch-up scan finds it.
    world.disk.put(f"{MOVIES}/Heat (1995).mkv")
    library = await world.library(realtime_monitoring=True)
    watching.wake()
    for _ in range(100):
        if world.movies.live_titles():
            break
        await asyncio.sleep(0.01)
    stop.set()
    await task

    assert watcher.watching == [(MOVIES,)]
    assert world.movies.live_titles() == {"Heat"}
    (scan,) = world.records.scans.values()
    assert (scan.library_id, scan.scan_type, scan.status) == (
        library.id,
        "incremental",
        "completed",
    )


async def test_a_catch_up_leaves_a_library_being_scanned_alone() -> None:
    world = World()
    library = await world.library()
    await world.records.create(library.id, "full")

    assert await world.scanning.scans.catch_up(library) is None
    assert world.queue.enqueued == []


async def test_a_file_that_reaches_the_catalogue_is_announced_to_live_clients() -> None:
    world = World()
    library = await world.library(realtime_monitoring=True)
    bus = InMemoryEventBus()
    match = attrs.evolve(world.scanning.match_file, events=bus)
    apply = FolderChanges(FileChanges(world.files, match), world.disk)
    heat = f"{MOVIES}/Heat (1995).mkv"
    world.disk.put(heat)

    await apply(library, [heat], [])
    world.disk.put(heat, size=2000)
    await apply(library, [heat], [])

    (movie_id,) = world.movies.movies
    assert [(e.category, e.type, e.data) for e in bus.published] == [
        ("content", kind, {"library_id": str(library.id), "movie": [str(movie_id)]})
        for kind in ("content.added", "content.updated")
    ]
