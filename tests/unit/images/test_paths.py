"""Which image paths name what, and every path that could leave its folder is refused."""

from __future__ import annotations

import uuid

import pytest

from revenge_domain.images import (
    InvalidImagePath,
    LocalImage,
    Provider,
    ProviderImage,
    local_image_path,
    parse_image_path,
)

LIBRARY = uuid.UUID("8c1f9a1e-0000-4000-8000-000000000001")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("abc.jpg", ProviderImage(Provider.TMDB, "abc.jpg")),
        (
            "/f89U3ADr1oiB1s9GkdPOEpXUk5H.jpg",
            ProviderImage(Provider.TMDB, "f89U3ADr1oiB1s9GkdPOEpXUk5H.jpg"),
        ),
        ("tmdb/abc.png", ProviderImage(Provider.TMDB, "abc.png")),
        (
            "fanart/fanart/movies/603/hdmovielogo/the-matrix-5235a13ae2d45.png",
            ProviderImage(
                Provider.FANART, "fanart/movies/603/hdmovielogo/the-matrix-5235a13ae2d45.png"
            ),
        ),
        (
            "tvdb/banners/posters/81189-10.jpg",
            ProviderImage(Provider.TVDB, "banners/posters/81189-10.jpg"),
        ),
        (
            f"local/{LIBRARY}/The Matrix (1999)/poster.jpg",
            LocalImage(LIBRARY, "The Matrix (1999)/poster.jpg"),
        ),
        (
            f"local/{LIBRARY}/Séries/Dark/fanart.JPEG",
            LocalImage(LIBRARY, "Séries/Dark/fanart.JPEG"),
        ),
    ],
)
def test_paths_name_their_source(text: str, expected: object) -> None:
    assert parse_image_path(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "..",
        "../etc/passwd",
        "/../etc/passwd",
        "tmdb/../../etc/passwd",
        "fanart/a/../../b.jpg",
        f"local/{LIBRARY}/../secret.jpg",
        f"local/{LIBRARY}/Movie/../../../etc/x.jpg",
        f"local/{LIBRARY}/./poster.jpg",
        "/etc/passwd",  # absolute file system paths name no source
        "//etc/passwd",
        f"local/{LIBRARY}//etc/poster.jpg",
        "tmdb//abc.jpg",
        "abc.jpg/",
        "tmdb\\..\\abc.jpg",
        f"local/{LIBRARY}/Movie\\poster.jpg",
        "abc\x00.jpg",
        f"local/{LIBRARY}/poster.jpg\x00.png",
        "abc%2Fdef.jpg",  # encoded separators left after one decoding
        "%2e%2e/abc.jpg",
        "tmdb/%2e%2e%2fabc.jpg",
        "C:/Windows/win.ini",
        "tmdb/a@evil.example/x.jpg",  # nothing that reads as a host
        "tmdb/http:",
        "local/not-a-uuid/poster.jpg",
        f"local/{LIBRARY}",
        f"local/{LIBRARY}/movie.mkv",  # only image files beside the videos
        f"local/{LIBRARY}/Movie/movie.nfo",
        "a" * 1025,
        "line\nbreak.jpg",
    ],
)
def test_unsafe_or_unknown_paths_are_refused(text: str) -> None:
    with pytest.raises(InvalidImagePath) as refused:
        parse_image_path(text)
    assert refused.value.details["field"] == "path"


@pytest.mark.parametrize(
    ("file_path", "expected"),
    [
        ("/media/movies/Heat (1995)/poster.jpg", f"local/{LIBRARY}/Heat (1995)/poster.jpg"),
        ("/media/more/Dark/fanart.jpg", f"local/{LIBRARY}/Dark/fanart.jpg"),
        ("/media/movies/../secret/poster.jpg", None),
        ("/media/moviesX/poster.jpg", None),
        ("/elsewhere/poster.jpg", None),
        ("media/movies/poster.jpg", None),
    ],
)
def test_artwork_files_inside_a_library_get_a_local_path(
    file_path: str, expected: str | None
) -> None:
    folders = ("/media/movies/", "/media/more")
    assert local_image_path(LIBRARY, folders, file_path) == expected
    if expected is not None:
        assert parse_image_path(expected) == LocalImage(LIBRARY, expected.split("/", 2)[2])
