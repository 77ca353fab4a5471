"""The recovery adapters on PostgreSQL: scan leases, files left pending and the refresh outbox,
as the relay uses them after a run died."""

from __future__ import annotations

import uuid
from pathlib import Path
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from revenge_adapters.postgres import create_session_factory
from revenge_adapters.scanning.refresh_outbox import PgRefreshOutbox
from revenge_domain.metadata.jobs import RefreshMovieMetadata
from revenge_domain.scanning.leases import RecoverScanning, TakeOver
from revenge_domain.scanning.model import (
    FileStat,
    FileStatus,
    KnownFile,
    MovieFacts,
    ScanClaim,
    VideoFile,
)
from tests.integration.scanning.api import library_with_viewer
from tests.integration.scanning.conftest import ScanServer

AGO = "UPDATE public.{table} SET {column} = now() - interval '1 hour' WHERE {where}"


async def backdate(engine: AsyncEngine, table: str, column: str, where: str) -> None:
    """An hour ago, as a run that died long since left it."""
    async with engine.begin() as connection:
        await connection.execute(text(AGO.format(table=table, column=column, where=where)))


def relay(scan_server: ScanServer, engine: AsyncEngine) -> RecoverScanning:
    scanning = scan_server.scanning
    scan = scanning.scan_library
    return RecoverScanning(
        scanning.libraries,
        scan.records,
        scan.files,
        scan.jobs,
        TakeOver(scan.records, scan.jobs),
        outbox=PgRefreshOutbox(create_session_factory(engine)),
        report=scanning.match_file.report,
    )


async def test_a_scan_lease_is_taken_once_and_again_after_it_runs_out(
    scan_server: ScanServer, media_root: Path, engine: AsyncEngine
) -> None:
    library, _, _ = await library_with_viewer(scan_server.server, "movie", media_root)
    records = scan_server.scanning.scan_library.records
    scan = await records.create(UUID(library["id"]), "incremental")

    assert await records.claim(scan.id, 30) is ScanClaim.TAKEN
    assert await records.claim(scan.id, 30) is ScanClaim.BUSY
    await backdate(engine, "library_scans", "heartbeat_at", f"id = '{scan.id}'")
    assert await records.claim(scan.id, 30) is ScanClaim.TAKEN
    await records.rearm(scan.id)
    (again,) = [s for s in await records.all_unfinished() if s.id == scan.id]
    assert again.status == "pending"
    assert again.heartbeat_at is not None
    assert await records.claim(uuid.uuid4(), 30) is ScanClaim.DONE


async def test_the_relay_queues_files_left_pending_and_refreshes_never_queued(
    scan_server: ScanServer, media_root: Path, engine: AsyncEngine
) -> None:
    library, _, _ = await library_with_viewer(scan_server.server, "movie", media_root)
    library_id = UUID(library["id"])
    files = scan_server.scanning.scan_library.files
    path = f"{media_root}/Gone Girl (2014).mkv"
    await files.save(library_id, [KnownFile(FileStat(path, 10, 1, 1), FileStatus.PENDING)])
    # A title written by a match whose run died before it queued the refresh.
    facts = MovieFacts(library_id=library_id, title=f"Lost {uuid.uuid4().hex[:8]}")
    movies = scan_server.scanning.match_file.movies
    delta = await movies.place(facts, VideoFile(FileStat(f"{media_root}/x.mkv", 10, 1, 2)))
    (movie_id,) = delta.created_movies

    assert await files.overdue(3600, 100) == []
    await backdate(engine, "library_files", "updated_at", f"library_id = '{library_id}'")
    await backdate(engine, "title_refresh_outbox", "created_at", f"item_id = '{movie_id}'")
    before = len(scan_server.queue.enqueued)

    await relay(scan_server, engine)()

    queued = scan_server.queue.enqueued[before:]
    assert RefreshMovieMetadata(movie_id=movie_id) in queued
    assert path in [job.file_path for job in queued if hasattr(job, "file_path")]
    # Marked as queued just now (other tests' files may wait in the same database).
    assert (library_id, path) not in await files.overdue(60, 10_000)
    due_movies, _ = await PgRefreshOutbox(create_session_factory(engine)).due(0, 10_000)
    assert movie_id not in due_movies
