"""Matching one file: names, .nfo files that win over them, artwork, episodes and extras."""

from __future__ import annotations

from datetime import date

import attrs

from revenge_domain.libraries import LibraryType
from revenge_domain.metadata.jobs import RefreshSeriesMetadata
from revenge_domain.scanning.model import Artwork, FileStatus, Nfo
from revenge_domain.scanning.naming import is_extra, season_of_folder, title_and_year
from tests.unit.scanning.world import MOVIES, SHOWS, World


async def test_an_nfo_beside_the_video_wins_over_its_name() -> None:
    world = World()
    library = await world.library()
    path = world.disk.put(f"{MOVIES}/Some Folder/movie (2000).mkv").path
    world.sidecars.nfos[f"{MOVIES}/Some Folder/movie.nfo"] = Nfo(
        title="Blade Runner", premiered=date(1982, 6, 25), plot="Replicants.", tmdb_id=78
    )
    world.sidecars.images |= {f"{MOVIES}/Some Folder/poster.jpg"}

    assert await world.scanning.match_file(library.id, path) is FileStatus.MATCHED

    facts = world.movies.movie_of(path).facts
    assert (facts.title, facts.year, facts.overview, facts.tmdb_id) == (
        "Blade Runner",
        1982,
        "Replicants.",
        78,
    )
    assert facts.artwork == Artwork(poster=f"local/{library.id}/Some Folder/poster.jpg")


async def test_a_movie_in_the_library_root_takes_no_folder_artwork() -> None:
    world = World()
    library = await world.library()
    path = world.disk.put(f"{MOVIES}/Heat (1995).mkv").path
    world.sidecars.images |= {f"{MOVIES}/poster.jpg"}

    await world.scanning.match_file(library.id, path)

    assert world.movies.movie_of(path).facts.artwork == Artwork()


async def test_show_artwork_is_named_as_the_image_endpoint_serves_it() -> None:
    world = World()
    library = await world.library(LibraryType.TVSHOW)
    path = world.disk.put(f"{SHOWS}/Show (2008)/Season 01/Show - S01E01.mkv").path
    world.sidecars.images |= {f"{SHOWS}/Show (2008)/poster.jpg", f"{SHOWS}/Show (2008)/fanart.jpg"}

    await world.scanning.match_file(library.id, path)

    assert world.episodes.files[path].series.artwork == Artwork(
        poster=f"local/{library.id}/Show (2008)/poster.jpg",
        fanart=f"local/{library.id}/Show (2008)/fanart.jpg",
    )


async def test_artwork_the_image_endpoint_could_not_serve_is_left_out() -> None:
    world = World()
    library = await world.library()
    path = world.disk.put(f"{MOVIES}/100% Wolf (2020)/100% Wolf (2020).mkv").path
    world.sidecars.images |= {f"{MOVIES}/100% Wolf (2020)/poster.jpg"}

    await world.scanning.match_file(library.id, path)

    facts = world.movies.movie_of(path).facts
    assert (facts.title, facts.artwork) == ("100% Wolf", Artwork())


async def test_a_name_without_a_title_is_left_unmatched() -> None:
    world = World()
    library = await world.library()
    path = world.disk.put(f"{MOVIES}/1234.mkv").path

    assert await world.scanning.match_file(library.id, path) is FileStatus.UNMATCHED
    assert world.movies.movies == {}


async def test_extras_and_samples_are_ignored() -> None:
    world = World()
    library = await world.library()
    paths = [
        f"{MOVIES}/Heat (1995)/Heat (1995)-trailer.mkv",
        f"{MOVIES}/Heat (1995)/Featurettes/Making of (1995).mkv",
        f"{MOVIES}/Heat (1995)/heat.1995.sample.mkv",
    ]
    for path in paths:
        world.disk.put(path)

    counts = await world.scanning.scan_library(library.id)

    assert counts is not None
    assert counts.added == 3
    assert world.movies.movies == {}
    known = await world.files.known(library.id)
    assert {file.status for file in known.values()} == {FileStatus.IGNORED}


async def test_episodes_come_from_the_show_folder_season_folder_and_names() -> None:
    world = World()
    library = await world.library(LibraryType.TVSHOW)
    world.disk.put(f"{SHOWS}/Show (2008)/Season 01/Show - S01E01.mkv")
    world.disk.put(f"{SHOWS}/Show (2008)/Season 01/Show - S01E02E03.mkv")
    world.disk.put(f"{SHOWS}/Show (2008)/Specials/Show - S00E01.mkv")
    world.disk.put(f"{SHOWS}/Show (2008)/Season 01/Show - S01E02E03-sample.mkv")
    world.sidecars.nfos[f"{SHOWS}/Show (2008)/tvshow.nfo"] = Nfo(title="The Show", tvdb_id=7)

    await world.scanning.scan_library(library.id)

    assert world.episodes.episodes() == {
        ("The Show", 1, 1),
        ("The Show", 1, 2),
        ("The Show", 1, 3),
        ("The Show", 0, 1),
    }
    (series_id,) = world.episodes.series.values()
    refreshes = [job for job in world.queue.enqueued if isinstance(job, RefreshSeriesMetadata)]
    assert [job.series_id for job in refreshes] == [series_id]


async def test_an_episode_nfo_gives_season_episode_and_title() -> None:
    world = World()
    library = await world.library(LibraryType.TVSHOW)
    path = world.disk.put(f"{SHOWS}/Show/Season 2/pilot.mkv").path
    world.sidecars.nfos[f"{SHOWS}/Show/Season 2/pilot.nfo"] = Nfo(
        title="Pilot", season=2, episode=1
    )

    await world.scanning.match_file(library.id, path)

    facts = world.episodes.files[path]
    assert (facts.series.title, facts.season, facts.episodes, facts.title) == (
        "Show",
        2,
        (1,),
        "Pilot",
    )


async def test_without_a_prober_files_are_matched_without_media_info() -> None:
    world = World()
    library = await world.library()
    world.scanning = attrs.evolve(
        world.scanning, match_file=attrs.evolve(world.scanning.match_file, prober=None)
    )
    path = world.disk.put(f"{MOVIES}/Heat (1995).mkv").path

    assert await world.scanning.match_file(library.id, path) is FileStatus.MATCHED
    assert world.movies.files[path][1].media is None
    assert world.prober.probed == []


def test_path_rules() -> None:
    assert is_extra("Heat (1995)/Behind The Scenes/x.mkv")
    assert is_extra("Heat (1995)/Heat-deleted.mkv")
    assert not is_extra("Heat (1995)/Heat (1995).mkv")
    assert not is_extra("Show/Season 1/Samples and Stuff S01E01.mkv")
    assert title_and_year("Show Name (2005)") == ("Show Name", 2005)
    assert title_and_year("Show.Name") == ("Show Name", None)
    assert title_and_year("2012") == ("2012", None)
    assert season_of_folder("Show/Season 03/x.mkv") == 3
    assert season_of_folder("Show/Specials/x.mkv") == 0
    assert season_of_folder("Show/x.mkv") is None


async def test_a_title_renamed_into_an_extra_leaves_the_catalogue() -> None:
    world = World()
    library = await world.library()
    world.disk.put(f"{MOVIES}/Heat (1995)/Heat (1995).mkv")
    await world.scanning.scan_library(library.id)

    world.disk.move(
        f"{MOVIES}/Heat (1995)/Heat (1995).mkv", f"{MOVIES}/Heat (1995)/Heat-trailer.mkv"
    )
    await world.scanning.scan_library(library.id)

    assert world.movies.live_titles() == set()
    known = await world.files.known(library.id)
    assert known[f"{MOVIES}/Heat (1995)/Heat-trailer.mkv"].status is FileStatus.IGNORED
