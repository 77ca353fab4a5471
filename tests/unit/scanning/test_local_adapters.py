"""The scanning adapters that need no services: names, .nfo, the folder walker, ffprobe."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from revenge_adapters.scanning import FfprobeProber, LocalFolderWalker, find_ffprobe
from revenge_adapters.scanning.ffprobe import media_info
from revenge_adapters.scanning.names import GuessitNames, fast_episode, fast_movie, guessed
from revenge_adapters.scanning.sidecars import LocalSidecars, parse_nfo
from revenge_domain.scanning.model import FileStat, WalkProblem

MOVIE_NAMES = [
    "The Matrix (1999)/The Matrix (1999).mkv",
    "2001 A Space Odyssey (1968)/2001.A.Space.Odyssey.1968.1080p.mkv",
    "Heat (1995).mp4",
    "Collection/Alien (1979)/alien.mkv",
]
EPISODE_NAMES = [
    "Show Name/Season 01/Show Name - S01E01 - Pilot.mkv",
    "Show Name/Season 01/Show Name - S01E02E03.mkv",
    "Show/Season 1/Show.S01E04-E06.720p.mkv",
    "Show/Specials/Show - S00E01.mkv",
    "Show/Season 02/Show - S02E10 - The End [1080p].mkv",
    "The Office (US)/Season 3/The.Office.US.S03E12.HDTV.x264.mkv",
]


def write_at(path: bytes, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)


@pytest.mark.parametrize("name", MOVIE_NAMES)
def test_the_fast_movie_layouts_agree_with_guessit(name: str) -> None:
    fast = fast_movie(name)
    assert fast is not None
    guess = guessed(name, "movie")
    assert (fast.title, fast.year) == (guess.title, guess.year)


@pytest.mark.parametrize("name", EPISODE_NAMES)
def test_the_fast_episode_layouts_agree_with_guessit(name: str) -> None:
    fast = fast_episode(name)
    assert fast is not None
    guess = guessed(name, "episode")
    assert (fast.season, fast.episodes) == (guess.season, guess.episodes)
    assert fast.episode_title == guess.episode_title


async def test_other_names_go_to_guessit() -> None:
    names = GuessitNames()
    assert fast_movie("Blade.Runner.2049.2017.1080p.mkv") is None
    parsed = await names.movie("Blade.Runner.2049.2017.1080p.mkv")
    assert (parsed.title, parsed.year) == ("Blade Runner 2049", 2017)
    episode = await names.episode("Show/Show 1x02 Title.avi")
    assert (episode.season, episode.episodes) == (1, (2,))


def test_a_kodi_nfo_is_read() -> None:
    nfo = parse_nfo(
        b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <movie><title>Heat</title><originaltitle>Heat</originaltitle><year>1995</year>
        <plot>A group of thieves.</plot><runtime>170</runtime><premiered>1995-12-15</premiered>
        <uniqueid type="tmdb">949</uniqueid>
        <uniqueid type="imdb" default="true">tt0113277</uniqueid>
        </movie>"""
    )
    assert nfo is not None
    assert (nfo.title, nfo.year, nfo.runtime_min, nfo.tmdb_id, nfo.imdb_id) == (
        "Heat",
        1995,
        170,
        949,
        "tt0113277",
    )
    assert str(nfo.premiered) == "1995-12-15"


def test_a_multi_episode_nfo_gives_its_first_episode_and_bad_xml_gives_nothing() -> None:
    double = parse_nfo(
        b"<episodedetails><title>One</title><season>1</season><episode>1</episode>"
        b"</episodedetails><episodedetails><title>Two</title></episodedetails>"
    )
    assert double is not None
    assert (double.title, double.episode) == ("One", 1)
    assert parse_nfo(b"http://www.themoviedb.org/movie/949") is None
    bomb = b'<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><movie><title>&b;</title></movie>'
    assert parse_nfo(bomb) is None


async def test_sidecars_find_movie_nfo_and_artwork(tmp_path: Path) -> None:
    folder = tmp_path / "Heat (1995)"
    folder.mkdir()
    video = folder / "Heat (1995).mkv"
    video.write_bytes(b"")
    (folder / "movie.nfo").write_text("<movie><title>Heat</title></movie>")
    (folder / "folder.jpg").write_bytes(b"jpg")
    (folder / "Heat (1995)-fanart.png").write_bytes(b"png")
    sidecars = LocalSidecars()

    nfo = await sidecars.movie_nfo(str(video))
    artwork = await sidecars.artwork(str(folder), str(video))

    assert nfo is not None
    assert nfo.title == "Heat"
    assert artwork.poster == str(folder / "folder.jpg")
    assert artwork.fanart == str(folder / "Heat (1995)-fanart.png")


async def test_the_walker_reports_problems_and_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "x.mkv").write_bytes(b"12345")
    (tmp_path / "a" / "notes.txt").write_text("no video")
    (tmp_path / "y.MP4").write_bytes(b"1")
    (tmp_path / ".hidden.mkv").write_bytes(b"1")
    (tmp_path / "gone.mkv").symlink_to(tmp_path / "missing.mkv")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    (tmp_path / "back").symlink_to(tmp_path)  # walked once, not forever
    write_at(os.fsencode(tmp_path) + b"/caf\xe9.mkv", b"1")

    items = [
        item
        async for batch in LocalFolderWalker(batch_size=2).walk([str(tmp_path), "/no/such/dir"])
        for item in batch
    ]

    files = {item.path: item.size for item in items if isinstance(item, FileStat)}
    problems = {item.path: item.reason for item in items if isinstance(item, WalkProblem)}
    assert files == {str(tmp_path / "a" / "b" / "x.mkv"): 5, str(tmp_path / "y.MP4"): 1}
    assert problems == {
        "/no/such/dir": "No such file or directory",
        str(tmp_path / "gone.mkv"): "broken symbolic link",
        str(tmp_path / "loop"): "Too many levels of symbolic links",
        f"{tmp_path}/caf\\xe9.mkv": "file name is not valid UTF-8",
    }


def test_ffprobe_json_becomes_media_info() -> None:
    info = media_info(
        "/m/x.mp4",
        {
            "format": {"format_name": "mov,mp4,m4a", "duration": "5400.5", "bit_rate": "8000000"},
            "streams": [
                {"codec_type": "video", "codec_name": "hevc", "width": 3840, "height": 2160},
                {"codec_type": "audio", "codec_name": "eac3", "tags": {"language": "eng"}},
                {"codec_type": "audio", "codec_name": "aac", "tags": {"language": "deu"}},
                {"codec_type": "subtitle", "codec_name": "subrip", "tags": {"language": "und"}},
                {"codec_type": "subtitle", "codec_name": "subrip", "tags": {"language": "fre"}},
            ],
        },
    )
    assert (info.container, info.video_codec, info.audio_codec) == ("mp4", "hevc", "eac3")
    assert (info.resolution, info.duration_s, info.bitrate_kbps) == ("2160p", 5400.5, 8000)
    assert (info.audio_languages, info.subtitle_languages) == (("eng", "deu"), ("fre",))


async def test_ffprobe_reports_what_it_cannot_read(tmp_path: Path) -> None:
    assert find_ffprobe("no-such-ffprobe-here") is None
    executable = find_ffprobe()
    assert executable is not None, "ffprobe is needed (.ci/run installs ffmpeg)"
    bad = tmp_path / "bad.mkv"
    bad.write_text("not a video")
    probe = await FfprobeProber(executable).probe(str(bad))
    assert probe.info is None
    assert probe.error
    missing = await FfprobeProber(str(tmp_path / "nothing")).probe(str(bad))
    assert missing.error is not None
    assert missing.error.startswith("ffprobe could not start")
