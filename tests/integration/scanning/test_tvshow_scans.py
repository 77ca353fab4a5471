"""Scanning a TV library: shows, seasons, specials, multi-episode files, .nfo and artwork."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any
from uuid import UUID

from revenge_domain.metadata.jobs import RefreshSeriesMetadata
from tests.integration.app_server import Account, Server
from tests.integration.scanning.api import (
    get_json,
    image,
    library_with_viewer,
    scanned,
    text_file,
    video,
)
from tests.integration.scanning.conftest import ScanServer

TVSHOW_NFO = """<tvshow><title>{title}</title><plot>Two friends.</plot>
<uniqueid type="tvdb">{tvdb}</uniqueid><premiered>2008-01-20</premiered></tvshow>"""
EPISODE_NFO = """<episodedetails><title>Pilot Episode</title><season>1</season>
<episode>1</episode><plot>It begins.</plot><aired>2008-01-20</aired></episodedetails>"""


async def shows_by_title(server: Server, viewer: Account) -> dict[str, dict[str, Any]]:
    body = await get_json(server, "/api/v1/tvshows?limit=100", viewer)
    return {show["title"]: show for show in body["items"]}


async def episode_numbers(server: Server, viewer: Account, show_id: str) -> dict[int, list[Any]]:
    seasons = await get_json(server, f"/api/v1/tvshows/{show_id}/seasons", viewer)
    numbers = {}
    for season in seasons:
        path = f"/api/v1/tvshows/seasons/{season['id']}/episodes"
        episodes = await get_json(server, path, viewer)
        numbers[season["season_number"]] = sorted(
            (e["episode_number"], e["title"]) for e in episodes
        )
    return numbers


async def test_a_scan_builds_series_seasons_and_episodes(
    scan_server: ScanServer, clip: Path, media_root: Path
) -> None:
    server, tag = scan_server.server, f"t{secrets.token_hex(3)}"  # a word, never a number
    one = media_root / f"Show {tag}"
    title = f"The Show {tag}"
    text_file(one / "tvshow.nfo", TVSHOW_NFO.format(title=title, tvdb=secrets.randbelow(10**8)))
    image(one / "poster.jpg")
    video(clip, one / "Season 01" / f"Show {tag} - S01E01 - Pilot.mkv")
    text_file(one / "Season 01" / f"Show {tag} - S01E01 - Pilot.nfo", EPISODE_NFO)
    double = video(clip, one / "Season 01" / f"Show {tag} - S01E02E03.mkv")
    video(clip, one / "Specials" / f"Show {tag} - S00E01.mkv")
    other = media_root / f"Other {tag} (2010)" / "Season 2"
    video(clip, other / f"Other.{tag}.S02E05.720p.mkv")
    video(clip, other / f"Other.{tag}.S02E05.sample.mkv")
    video(clip, media_root / f"Other {tag} (2010)" / "Extras" / "Making Of.mkv")
    library, admin, viewer = await library_with_viewer(server, "tvshow", media_root)

    scan = await scanned(server, library["id"], admin)

    assert (scan["status"], scan["items_scanned"], scan["items_added"]) == ("completed", 6, 6)
    shows = await shows_by_title(server, viewer)
    assert set(shows) == {title, f"Other {tag}"}
    assert shows[title]["poster_path"] == f"local/{library['id']}/Show {tag}/poster.jpg"
    assert shows[title]["overview"] == "Two friends."
    assert shows[title]["total_episodes"] == 3
    assert await episode_numbers(server, viewer, shows[title]["id"]) == {
        0: [(1, "Episode 1")],
        1: [(1, "Pilot Episode"), (2, "Episode 2"), (3, "Episode 3")],
    }
    assert await episode_numbers(server, viewer, shows[f"Other {tag}"]["id"]) == {
        2: [(5, "Episode 5")]
    }
    refreshed = {
        job.series_id
        for job in scan_server.queue.enqueued
        if isinstance(job, RefreshSeriesMetadata)
    }
    assert refreshed == {UUID(show["id"]) for show in shows.values()}

    double.unlink()
    rescan = await scanned(server, library["id"], admin)

    assert (rescan["items_added"], rescan["items_removed"]) == (0, 1)
    assert await episode_numbers(server, viewer, shows[title]["id"]) == {
        0: [(1, "Episode 1")],
        1: [(1, "Pilot Episode")],
    }
    video(clip, double)
    again = await scanned(server, library["id"], admin)
    assert again["items_added"] == 1
    numbers = await episode_numbers(server, viewer, shows[title]["id"])
    assert numbers[1] == [(1, "Pilot Episode"), (2, "Episode 2"), (3, "Episode 3")]

    # A full scan matches every file again over what it held: nothing is lost or doubled.
    full = await scanned(server, library["id"], admin, "full")
    assert (full["items_added"], full["items_removed"]) == (0, 0)
    assert await episode_numbers(server, viewer, shows[title]["id"]) == numbers
    again_shows = await shows_by_title(server, viewer)
    assert again_shows[title]["total_episodes"] == 3
