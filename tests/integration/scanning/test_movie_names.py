"""A movie in its own folder is named as the user wrote the folder's name, through a real scan
and the API."""

from __future__ import annotations

import secrets
from pathlib import Path

from tests.integration.scanning.api import library_with_viewer, movies_by_title, scanned, video
from tests.integration.scanning.conftest import ScanServer


async def test_a_movie_takes_title_and_year_from_its_own_folder(
    scan_server: ScanServer, clip: Path, media_root: Path
) -> None:
    server, tag = scan_server.server, f"t{secrets.token_hex(3)}"  # a word, never a number
    video(clip, media_root / f"Alien {tag} 1979" / f"alien.{tag}.1979.mkv")
    video(clip, media_root / f"The Thing {tag} (1982)" / f"the_thing_{tag}_1982.mkv")
    video(clip, media_root / f"heat.{tag}.1995" / f"Heat {tag} (1995).mkv")
    video(clip, media_root / "Unsorted" / f"Arrival.{tag}.2016.1080p.mkv")
    library, admin, viewer = await library_with_viewer(server, "movie", media_root)

    assert (await scanned(server, library["id"], admin))["status"] == "completed"

    movies = await movies_by_title(server, viewer)
    assert {title: movie["year"] for title, movie in movies.items()} == {
        f"Alien {tag}": 1979,
        f"The Thing {tag}": 1982,
        f"Heat {tag}": 1995,
        f"Arrival {tag}": 2016,
    }
