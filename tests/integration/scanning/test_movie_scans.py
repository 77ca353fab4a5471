"""Scanning a movie library of real video files through the API, then rescanning it."""

from __future__ import annotations

import secrets
from pathlib import Path
from uuid import UUID

import asyncpg

from revenge_domain.metadata.jobs import RefreshMovieMetadata
from revenge_domain.ports.catalog_changes import Entity
from tests.integration.scanning.api import (
    get_json,
    image,
    library_with_viewer,
    movies_by_title,
    scanned,
    text_file,
    video,
)
from tests.integration.scanning.conftest import ScanServer

BLADE_RUNNER_NFO = """<?xml version="1.0" encoding="UTF-8"?>
<movie>
  <title>{title}</title>
  <year>1982</year>
  <plot>A blade runner must pursue and terminate four replicants.</plot>
  <uniqueid type="imdb">tt00{digits}</uniqueid>
</movie>
"""


async def test_a_scan_builds_the_movie_catalogue_and_rescans_follow_the_disk(
    scan_server: ScanServer, clip: Path, media_root: Path
) -> None:
    server, tag = scan_server.server, f"t{secrets.token_hex(3)}"  # a word, never a number
    matrix = f"Matrix {tag}"
    video(clip, media_root / f"{matrix} (1999)" / f"{matrix} (1999).mkv")
    image(media_root / f"{matrix} (1999)" / "poster.jpg")
    image(media_root / f"{matrix} (1999)" / "fanart.jpg")
    video(clip, media_root / f"{matrix} (1999)" / f"{matrix} (1999)-trailer.mkv")
    heat = media_root / f"Heat.{tag}.1995.1080p.BluRay.x264.mkv"
    video(clip, heat)
    video(clip, media_root / f"Heat.{tag}.1995.1080p.BluRay.x264.sample.mkv")
    video(clip, media_root / "Some Folder" / "movie.mkv")
    blade = f"Blade Runner {tag}"
    digits = f"{secrets.randbelow(10**5):05d}"
    text_file(
        media_root / "Some Folder" / "movie.nfo",
        BLADE_RUNNER_NFO.format(title=blade, digits=digits),
    )
    corrupt = text_file(media_root / f"Corrupt {tag} (2010).mkv", "not a video at all")
    library, admin, viewer = await library_with_viewer(server, "movie", media_root)

    first = await scanned(server, library["id"], admin)

    assert first["status"] == "completed"
    assert first["items_scanned"] == 6
    assert first["items_added"] == 6
    assert first["error_count"] == 0
    movies = await movies_by_title(server, viewer)
    assert set(movies) == {matrix, f"Heat {tag}", blade, f"Corrupt {tag}"}
    assert movies[matrix]["year"] == 1999
    assert movies[f"Heat {tag}"]["year"] == 1995
    assert movies[blade]["year"] == 1982
    matrix_detail = await get_json(server, f"/api/v1/movies/{movies[matrix]['id']}", viewer)
    local = f"local/{library['id']}/{matrix} (1999)"
    assert matrix_detail["poster_path"] == f"{local}/poster.jpg"
    assert matrix_detail["backdrop_path"] == f"{local}/fanart.jpg"
    blade_detail = await get_json(server, f"/api/v1/movies/{movies[blade]['id']}", viewer)
    assert blade_detail["overview"].startswith("A blade runner")
    assert blade_detail["imdb_id"] == f"tt00{digits}"
    files = await get_json(server, f"/api/v1/movies/{movies[matrix]['id']}/files", viewer)
    assert [file["file_name"] for file in files] == [f"{matrix} (1999).mkv"]
    assert files[0]["video_codec"] == "h264"
    assert files[0]["audio_codec"] == "aac"
    assert files[0]["container"] == "mkv"
    assert files[0]["duration_seconds"] == 1
    assert files[0]["resolution"] == "120p"
    assert files[0]["audio_languages"] == ["eng"]
    corrupt_files = await get_json(
        server, f"/api/v1/movies/{movies[f'Corrupt {tag}']['id']}/files", viewer
    )
    assert corrupt_files[0]["video_codec"] is None
    connection = await asyncpg.connect(server.pg_url)
    try:
        states = dict(
            await connection.fetch(
                "SELECT path, status FROM public.library_files WHERE library_id = $1",
                library["id"],
            )
        )
        probe_error = await connection.fetchval(
            "SELECT error FROM public.library_files WHERE path = $1", str(corrupt)
        )
    finally:
        await connection.close()
    assert sorted(states.values()).count("ignored") == 2
    assert probe_error
    refreshed = {
        job.movie_id for job in scan_server.queue.enqueued if isinstance(job, RefreshMovieMetadata)
    }
    assert refreshed == {UUID(movie["id"]) for movie in movies.values()}
    assert any(
        kind == "changed" and entity is Entity.MOVIE
        for kind, entity, _ in scan_server.changes.reports
    )

    unchanged = await scanned(server, library["id"], admin)
    assert unchanged["status"] == "completed"
    assert (unchanged["items_scanned"], unchanged["items_added"]) == (6, 0)
    assert (unchanged["items_updated"], unchanged["items_removed"]) == (0, 0)

    alien = f"Alien {tag}"
    video(clip, media_root / f"{alien} (1979)" / f"{alien} (1979).mkv")
    (media_root / "Moved").mkdir()
    heat.rename(media_root / "Moved" / heat.name)
    corrupt.unlink()
    reports_before = len(scan_server.changes.reports)
    rescan = await scanned(server, library["id"], admin)

    assert (rescan["items_added"], rescan["items_updated"], rescan["items_removed"]) == (1, 1, 1)
    after = await movies_by_title(server, viewer)
    assert set(after) == {matrix, f"Heat {tag}", blade, alien}
    assert after[f"Heat {tag}"]["id"] == movies[f"Heat {tag}"]["id"]
    heat_files = await get_json(
        server, f"/api/v1/movies/{after[f'Heat {tag}']['id']}/files", viewer
    )
    assert heat_files[0]["file_path"] == str(media_root / "Moved" / heat.name)
    removed = [
        ids
        for kind, entity, ids in scan_server.changes.reports[reports_before:]
        if kind == "removed" and entity is Entity.MOVIE
    ]
    assert [str(movie_id) for ids in removed for movie_id in ids] == [
        movies[f"Corrupt {tag}"]["id"]
    ]
