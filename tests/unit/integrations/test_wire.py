"""Radarr/Sonarr v3 JSON read into domain values."""

from __future__ import annotations

from revenge_adapters.integrations import wire
from revenge_domain.scanning.model import MediaInfo

FILE = {
    "id": 9,
    "relativePath": "Heat (1995).mkv",
    "size": 42,
    "quality": {"quality": {"id": 7, "name": "Bluray-1080p", "resolution": 1080}},
    "mediaInfo": {
        "videoCodec": "x265",
        "audioCodec": "TrueHD",
        "resolution": "1920x800",
        "runTime": "2:50:12",
    },
}


def test_a_movie_file_gets_its_path_quality_and_media_info() -> None:
    movie = wire.movie(
        {
            "id": 1,
            "title": "Heat",
            "year": 1995,
            "tmdbId": 949,
            "imdbId": "tt0113277",
            "path": "/movies/Heat (1995)",
            "hasFile": True,
            "movieFile": FILE,
        }
    )
    assert movie.file is not None
    assert (movie.file.path, movie.file.size, movie.file.quality) == (
        "/movies/Heat (1995)/Heat (1995).mkv",
        42,
        "Bluray-1080p",
    )
    assert movie.file.media == MediaInfo(
        duration_s=10212.0, video_codec="x265", audio_codec="TrueHD", width=1920, height=1080
    )
    assert movie.file.media.resolution == "1080p"


def test_a_movie_without_a_file_and_episodes_without_numbers() -> None:
    movie = wire.movie({"id": 2, "title": "Wanted", "path": "/m/W", "hasFile": False, "year": 0})
    assert (movie.file, movie.year, movie.tmdb_id) == (None, None, None)
    episodes = wire.episodes(
        [
            {
                "id": 1,
                "seasonNumber": 1,
                "episodeNumber": 2,
                "airDate": "2008-01-27",
                "episodeFileId": 0,
            },
            {"id": 2, "seasonNumber": 1},
        ]
    )
    assert [
        (e.number, e.air_date.isoformat() if e.air_date else None, e.file_id) for e in episodes
    ] == [(2, "2008-01-27", None)]
