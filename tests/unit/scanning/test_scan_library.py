"""Scanning a library incrementally: new, changed, moved and missing files; problems."""

from __future__ import annotations

import attrs

from revenge_domain.metadata.jobs import RefreshMovieMetadata
from revenge_domain.ports.catalog_changes import Entity
from revenge_domain.scanning.model import FileStatus, MediaInfo, Probe, ScanCounts, WalkProblem
from tests.unit.scanning.world import MOVIES, World

MATRIX = f"{MOVIES}/The Matrix (1999)/The Matrix (1999).mkv"
HEAT = f"{MOVIES}/Heat (1995).mkv"


async def test_a_first_scan_finds_every_video_and_matches_it_in_jobs() -> None:
    world = World()
    library = await world.library()
    world.disk.put(MATRIX)
    world.disk.put(HEAT)

    counts = await world.scanning.scan_library(library.id)

    assert counts == ScanCounts(seen=2, added=2)
    assert len(world.jobs_of("movie_file_match")) == 2
    assert world.movies.live_titles() == {"The Matrix", "Heat"}
    refreshed = {
        job.movie_id for job in world.queue.enqueued if isinstance(job, RefreshMovieMetadata)
    }
    assert refreshed == set(world.movies.movies)
    (scan,) = world.records.scans.values()
    assert (scan.status, scan.scan_type, scan.items_added) == ("completed", "incremental", 2)
    statuses = {known.status for known in (await world.files.known(library.id)).values()}
    assert statuses == {FileStatus.MATCHED}


async def test_an_unchanged_library_is_only_walked() -> None:
    world = World()
    library = await world.library()
    world.disk.put(MATRIX)
    await world.scanning.scan_library(library.id)
    writes, jobs, reports = (
        world.files.writes,
        len(world.queue.enqueued),
        len(world.changes.reports),
    )

    counts = await world.scanning.scan_library(library.id)

    assert counts == ScanCounts(seen=1)
    assert world.files.writes == writes
    assert len(world.queue.enqueued) == jobs
    assert len(world.changes.reports) == reports


async def test_a_file_changed_in_size_or_time_is_matched_again() -> None:
    world = World()
    library = await world.library()
    world.disk.put(MATRIX, size=10)
    world.disk.put(HEAT, size=10)
    await world.scanning.scan_library(library.id)
    world.disk.put(MATRIX, size=20)
    world.disk.put(HEAT, size=10, mtime_ns=99)
    probes = len(world.prober.probed)

    counts = await world.scanning.scan_library(library.id)

    assert counts == ScanCounts(seen=2, changed=2)
    assert len(world.prober.probed) == probes + 2


async def test_a_moved_file_keeps_its_movie() -> None:
    world = World()
    library = await world.library()
    world.disk.put(HEAT)
    await world.scanning.scan_library(library.id)
    before = world.movies.movie_of(HEAT).id

    world.disk.move(HEAT, f"{MOVIES}/Crime/Heat (1995).mkv")
    counts = await world.scanning.scan_library(library.id)

    assert counts == ScanCounts(seen=1, changed=1)
    assert world.movies.movie_of(f"{MOVIES}/Crime/Heat (1995).mkv").id == before
    assert world.movies.live_titles() == {"Heat"}


async def test_a_copy_with_the_same_name_and_size_elsewhere_counts_as_a_move() -> None:
    world = World()
    library = await world.library()
    world.disk.put(HEAT, size=500)
    await world.scanning.scan_library(library.id)
    del world.disk.files[HEAT]
    world.disk.put(f"{MOVIES}/Other/Heat (1995).mkv", size=500)  # another inode

    counts = await world.scanning.scan_library(library.id)

    assert (counts.changed, counts.added, counts.removed) == (1, 0, 0)


async def test_a_missing_file_takes_its_movie_out_of_the_catalogue() -> None:
    world = World()
    library = await world.library()
    world.disk.put(MATRIX)
    world.disk.put(HEAT)
    await world.scanning.scan_library(library.id)
    heat_id = world.movies.movie_of(HEAT).id

    del world.disk.files[HEAT]
    counts = await world.scanning.scan_library(library.id)

    assert counts == ScanCounts(seen=1, removed=1)
    assert world.movies.live_titles() == {"The Matrix"}
    assert ("removed", Entity.MOVIE, [heat_id]) in world.changes.reports
    assert HEAT not in await world.files.known(library.id)


async def test_unreadable_paths_are_reported_and_what_they_hid_is_kept() -> None:
    world = World()
    library = await world.library()
    world.disk.put(MATRIX)
    world.disk.put(HEAT)
    await world.scanning.scan_library(library.id)

    del world.disk.files[MATRIX]
    world.disk.problems[f"{MOVIES}/The Matrix (1999)"] = "Permission denied"
    world.disk.problems[f"{MOVIES}/broken.mkv"] = "broken symbolic link"
    counts = await world.scanning.scan_library(library.id)

    assert counts == ScanCounts(seen=1, errors=2)
    assert world.movies.live_titles() == {"The Matrix", "Heat"}
    scan = list(world.records.scans.values())[-1]
    assert scan.status == "completed"
    assert scan.error_message is not None
    assert scan.error_message.startswith("2 path(s) could not be read")
    assert (
        WalkProblem(f"{MOVIES}/broken.mkv", "broken symbolic link")
        in world.records.problems[scan.id]
    )


async def test_a_full_scan_matches_unchanged_files_again() -> None:
    world = World()
    library = await world.library()
    world.disk.put(MATRIX)
    await world.scanning.scan_library(library.id)
    probes = len(world.prober.probed)

    counts = await world.scanning.scan_library(library.id, force=True)

    assert counts == ScanCounts(seen=1)
    assert len(world.prober.probed) == probes + 1
    assert list(world.records.scans.values())[-1].scan_type == "full"


async def test_progress_is_written_while_the_walk_goes_on() -> None:
    world = World()
    library = await world.library()
    for number in range(6):
        world.disk.put(f"{MOVIES}/Film {number} (200{number}).mkv")
    ticks = iter(range(100))
    scan = attrs.evolve(
        world.scanning.scan_library, progress_every_s=1.0, clock=lambda: float(next(ticks))
    )

    await scan(library.id)

    assert world.records.progress_reports == 3  # one per batch of two


async def test_probed_media_info_and_probe_errors_are_kept() -> None:
    world = World()
    library = await world.library()
    world.disk.put(MATRIX)
    world.disk.put(HEAT)
    world.prober.answers[MATRIX] = Probe(
        MediaInfo(duration_s=60.0, video_codec="h264", height=1080)
    )

    await world.scanning.scan_library(library.id)

    matrix_file = world.movies.files[MATRIX][1]
    assert matrix_file.media is not None
    assert matrix_file.media.resolution == "1080p"
    assert world.movies.files[HEAT][1].media is None
    known = await world.files.known(library.id)
    assert (known[HEAT].status, known[HEAT].error) == (FileStatus.MATCHED, "unreadable")
    assert known[MATRIX].error is None
